import { Global, type INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { type LoginResponse, type ReportSummaryView, SURVEY_ANSWERS_READER, type SurveyAnswer, type SurveyAnswersReader } from '@throughline/domain';
import { AuthApiModule, hashPassword } from '@throughline/server/auth';
import { type AppConfig, ConfigModule, loadConfig } from '@throughline/server/config';
import { DatabaseModule, prepareDatabase } from '@throughline/server/database';
import { QueueModule } from '@throughline/server/queue';
import { ReportsApiModule } from '@throughline/server/reports';

const PASSWORD = 'correct horse battery staple';
const USERS = { admin: 'admin@reports.example', supervisor: 'supervisor@reports.example', agent: 'agent@reports.example' } as const;

/** What the surveys capability would answer: answers kept in memory, filtered by when they were given. */
class InMemorySurveyAnswers implements SurveyAnswersReader {
  answers: SurveyAnswer[] = [];
  async answersBetween(from: Date, to: Date): Promise<SurveyAnswer[]> {
    return this.answers.filter((a) => a.answeredAt >= from && a.answeredAt < to);
  }
}
const surveyAnswers = new InMemorySurveyAnswers();

@Global()
@Module({ providers: [{ provide: SURVEY_ANSWERS_READER, useValue: surveyAnswers }], exports: [SURVEY_ANSWERS_READER] })
class SurveyAnswersForTestsModule {}

/** The reports API on hand-built conversation histories in a real PostgreSQL: exact figures per grouping and filter, who may read them, bad input. */
describe('Reports (real PostgreSQL)', () => {
  let config: AppConfig;
  let db: Pool;
  let app: INestApplication;
  let baseUrl: string;
  const tokens = new Map<string, string>();
  const ids: Record<string, string> = {};

  const request = async <T = unknown>(path: string, role: keyof typeof USERS = 'supervisor') => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens.get(role)}` } });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: (res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
    };
  };
  const summary = async (query: string) => {
    const res = await request<ReportSummaryView>(`/api/reports/summary?from=2026-03-02&to=2026-03-05&${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  /** A conversation with its history, as the writers of the timeline would have recorded it. */
  const conversation = async (
    name: string,
    fields: { channel: string; queueId?: string | null; assigneeId?: string | null; slaPolicyId?: string | null; breached?: boolean },
    events: Array<[kind: string, iso: string, value?: string]>,
  ) => {
    const created = events.find(([kind]) => kind === 'created')?.[1] as string;
    const customer = (await db.query(`INSERT INTO customers (name) VALUES ($1) RETURNING id`, [name])).rows[0].id as string;
    const breaches = fields.breached ? [{ kind: 'first_response', dueAt: created, at: created }] : [];
    ids[name] = (
      await db.query(
        `INSERT INTO conversations (customer_id, channel, queue_id, assignee_id, sla_policy_id, sla_breaches, created_at, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
        [customer, fields.channel, fields.queueId ?? null, fields.assigneeId ?? null, fields.slaPolicyId ?? null, JSON.stringify(breaches), created],
      )
    ).rows[0].id as string;
    for (const [kind, iso, value] of events) {
      const message = kind === 'inbound' || kind === 'reply';
      await db.query(`INSERT INTO conversation_events (conversation_id, kind, actor_type, to_value, details, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        ids[name],
        kind,
        kind === 'inbound' ? 'customer' : 'system',
        message ? null : (value ?? null),
        message ? { channel: value ?? fields.channel } : {},
        iso,
      ]);
    }
  };

  beforeAll(async () => {
    const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
    config = loadConfig({
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/throughline_test_reports_${id}`,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `tltest_reports_${id}`,
      PORT: '0',
      SECRETS_KEY: randomBytes(32).toString('hex'),
      JWT_SECRET: randomBytes(32).toString('hex'),
      STATE_DIR: mkdtempSync(join(tmpdir(), 'tl-reports-')),
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
    });
    await prepareDatabase(config.databaseUrl);
    db = new Pool({ connectionString: config.databaseUrl, max: 2 });
    const hash = await hashPassword(PASSWORD, 4);
    for (const [role, email] of Object.entries(USERS)) {
      ids[role] = (
        await db.query('INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4) RETURNING id', [email, `Test ${role}`, hash, role])
      ).rows[0].id as string;
    }

    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config.databaseUrl),
        QueueModule,
        AuthApiModule,
        ReportsApiModule,
        SurveyAnswersForTestsModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.setGlobalPrefix('api');
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    for (const [role, email] of Object.entries(USERS)) {
      const res = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      tokens.set(role, ((await res.json()) as LoginResponse).accessToken);
    }

    const queue = (await db.query(`INSERT INTO queues (name) VALUES ('Billing') RETURNING id`)).rows[0].id as string;
    ids['billing'] = queue;
    const allDay = (await db.query(`INSERT INTO sla_policies (name, position, first_response_minutes) VALUES ('Around the clock', 2, 60) RETURNING id`)).rows[0]
      .id as string;
    const hours = (
      await db.query(`INSERT INTO business_hours (name, timezone, weekly) VALUES ('Office', 'Europe/London', $1) RETURNING id`, [
        JSON.stringify(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]))),
      ])
    ).rows[0].id as string;
    const office = (
      await db.query(
        `INSERT INTO sla_policies (name, position, first_response_minutes, business_hours_id, match_queue_id) VALUES ('Office', 1, 60, $1, $2) RETURNING id`,
        [hours, queue],
      )
    ).rows[0].id as string;

    // Email, then chat on the same issue; met its SLA.
    await conversation('switcher', { channel: 'email', queueId: queue, assigneeId: ids['agent'], slaPolicyId: allDay }, [
      ['created', '2026-03-02T10:00:00Z', 'open'],
      ['inbound', '2026-03-02T10:00:00Z', 'email'],
      ['reply', '2026-03-02T10:05:00Z'],
      ['inbound', '2026-03-02T10:20:00Z', 'chat'],
      ['reply', '2026-03-02T10:30:00Z'],
      ['status', '2026-03-02T11:00:00Z', 'resolved'],
    ]);
    // Pending for an hour before the first answer, resolved, reopened the next day, resolved again; breached.
    await conversation('reopener', { channel: 'chat', slaPolicyId: allDay, breached: true }, [
      ['created', '2026-03-02T12:00:00Z', 'open'],
      ['inbound', '2026-03-02T12:00:00Z'],
      ['status', '2026-03-02T12:10:00Z', 'pending'],
      ['status', '2026-03-02T13:10:00Z', 'open'],
      ['reply', '2026-03-02T13:20:00Z'],
      ['status', '2026-03-02T14:00:00Z', 'resolved'],
      ['status', '2026-03-03T09:00:00Z', 'open'],
      ['inbound', '2026-03-03T09:00:00Z'],
      ['reply', '2026-03-03T09:30:00Z'],
      ['status', '2026-03-03T10:00:00Z', 'resolved'],
    ]);
    // Wednesday 16:00 under office hours: answered Thursday 10:00, two business hours later; still open.
    await conversation('after-hours', { channel: 'email', queueId: queue, assigneeId: ids['agent'], slaPolicyId: office }, [
      ['created', '2026-03-04T16:00:00Z', 'open'],
      ['inbound', '2026-03-04T16:00:00Z'],
      ['reply', '2026-03-05T10:00:00Z'],
    ]);
    // Created after the range.
    await conversation('later', { channel: 'email', queueId: queue }, [
      ['created', '2026-03-06T10:00:00Z', 'open'],
      ['inbound', '2026-03-06T10:00:00Z'],
      ['reply', '2026-03-06T10:01:00Z'],
    ]);
    surveyAnswers.answers = [
      { conversationId: ids['switcher'] as string, csat: 5, ces: 6, nps: 10, answeredAt: new Date('2026-03-02T12:00:00Z') },
      // Answered after the range: still about a conversation of the range.
      { conversationId: ids['reopener'] as string, csat: 2, ces: 2, nps: 5, answeredAt: new Date('2026-03-07T12:00:00Z') },
      { conversationId: ids['later'] as string, csat: 1, ces: 1, nps: 0, answeredAt: new Date('2026-03-06T12:00:00Z') },
    ];
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
    const admin = new Pool({ connectionString: config.databaseUrl.replace(/\/[^/]+$/, '/postgres'), max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(config.databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  });

  it('totals the conversations created in the range, exactly', async () => {
    const report = await summary('groupBy=day');
    expect(report.totals).toEqual({
      conversations: 3,
      resolved: 2,
      reopened: 1,
      reopenRatePct: 50,
      // 5 min; 20 min (the pending hour left out); 2 business hours.
      firstResponseMedianSeconds: 1200,
      firstResponseP90Seconds: 6000,
      resolutionMedianSeconds: 3600,
      resolutionP90Seconds: 3600,
      nextResponseMedianSeconds: 1200,
      slaMetPct: 66.7,
      csat: { responses: 2, satisfiedPct: 50 },
      ces: { responses: 2, average: 4 },
      nps: { responses: 2, score: 0 },
      contactsPerIssue: { messages: 1.5, channels: 1.5 },
    });
  });

  it('groups by day, with the empty day in between', async () => {
    const report = await summary('groupBy=day');
    expect(report.rows.map((r) => [r.key, r.conversations, r.resolved, r.firstResponseMedianSeconds])).toEqual([
      ['2026-03-02', 2, 2, 750],
      ['2026-03-03', 0, 0, null],
      ['2026-03-04', 1, 0, 7200],
    ]);
  });

  it('groups by week, agent, queue and channel, with names', async () => {
    expect((await summary('groupBy=week')).rows.map((r) => [r.key, r.label, r.conversations])).toEqual([['2026-03-02', 'Week of 2026-03-02', 3]]);
    const byAgent = (await summary('groupBy=agent')).rows;
    expect(byAgent.map((r) => [r.key, r.label, r.conversations, r.csat.responses])).toEqual([
      [ids['agent'], 'Test agent', 2, 1],
      ['none', 'Unassigned', 1, 1],
    ]);
    expect(byAgent[0]).toMatchObject({ firstResponseMedianSeconds: 3750, slaMetPct: 100, contactsPerIssue: { messages: 2, channels: 2 } });
    expect((await summary('groupBy=queue')).rows.map((r) => [r.key, r.label, r.conversations])).toEqual([
      [ids['billing'], 'Billing', 2],
      ['none', 'No queue', 1],
    ]);
    const byChannel = (await summary('groupBy=channel')).rows;
    expect(byChannel.map((r) => [r.key, r.conversations, r.reopened, r.nextResponseMedianSeconds, r.nps.score])).toEqual([
      ['email', 2, 0, 600, 100],
      ['chat', 1, 1, 1800, -100],
    ]);
  });

  it('filters by queue, channel and agent', async () => {
    expect((await summary(`groupBy=channel&queueId=${ids['billing']}`)).totals.conversations).toBe(2);
    const chat = await summary('groupBy=agent&channel=chat');
    expect(chat.totals).toMatchObject({ conversations: 1, reopened: 1, csat: { responses: 1, satisfiedPct: 0 } });
    expect((await summary(`groupBy=queue&agentId=${ids['agent']}`)).totals).toMatchObject({ conversations: 2, firstResponseMedianSeconds: 3750 });
    expect((await summary(`groupBy=queue&agentId=${ids['supervisor']}`)).totals).toMatchObject({ conversations: 0, firstResponseMedianSeconds: null });
  });

  it('replays a history that grew since the last report, keeping the earlier resolution; concurrent reports agree', async () => {
    const before = (await summary('groupBy=channel')).rows.find((r) => r.key === 'email');
    expect(before).toMatchObject({ resolved: 1, reopened: 0 });
    await db.query(
      `INSERT INTO conversation_events (conversation_id, kind, actor_type, to_value, details, occurred_at) VALUES
         ($1, 'status', 'customer', 'open', '{}', '2026-03-04T09:00:00Z'), ($1, 'inbound', 'customer', NULL, '{"channel": "email"}', '2026-03-04T09:00:00Z')`,
      [ids['switcher']],
    );
    const [a, b] = await Promise.all([summary('groupBy=channel'), summary('groupBy=channel')]);
    expect(a).toEqual(b);
    expect(a.rows.find((r) => r.key === 'email')).toMatchObject({ resolved: 1, reopened: 1, resolutionMedianSeconds: 3600 });
    expect(a.totals).toMatchObject({ resolved: 2, reopened: 2, reopenRatePct: 100 });
    await db.query(
      `INSERT INTO conversation_events (conversation_id, kind, actor_type, to_value, occurred_at) VALUES ($1, 'status', 'user', 'resolved', '2026-03-04T10:00:00Z')`,
      [ids['switcher']],
    );
    expect((await summary('groupBy=channel')).totals).toMatchObject({ resolved: 2, reopened: 2, resolutionMedianSeconds: 3600 });
  });

  it('exports the same rows and totals as CSV', async () => {
    const res = await request<string>('/api/reports/summary.csv?from=2026-03-02&to=2026-03-05&groupBy=channel');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^key,label,conversations,resolved,reopened,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['email,email,2,1,1', 'chat,chat,1,1,1', 'total,Total,3,2,2']);
  });

  it('is for supervisors and admins, not agents', async () => {
    expect((await request('/api/reports/summary', 'agent')).status).toBe(403);
    expect((await request('/api/reports/summary.csv', 'agent')).status).toBe(403);
    expect((await request('/api/reports/summary', 'admin')).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/reports/summary`)).status).toBe(401);
  });

  it.each([
    ['groupBy=month', 'groupBy'],
    ['from=yesterday', 'from'],
    ['to=2026-13-01', 'to'],
    ['from=2026-03-05&to=2026-03-02', 'to'],
    ['from=2025-01-01&to=2026-03-02', 'to'],
    ['queueId=billing', 'queueId'],
    ['channel=fax', 'channel'],
    ['agentId=42', 'agentId'],
    ['colour=blue', 'colour'],
  ])('refuses %s naming %s', async (query, field) => {
    const res = await request<{ message: string | string[] }>(`/api/reports/summary?${query}`);
    expect(res.status).toBe(400);
    expect([res.body.message].flat().join(' ')).toMatch(new RegExp(`^${field}\\b|\\b${field}\\b`));
  });
});
