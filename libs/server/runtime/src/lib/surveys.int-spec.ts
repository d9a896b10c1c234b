import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { createTransport } from 'nodemailer';
import {
  type ChatMessage,
  type ChatServerEvents,
  type ChatSurveyAck,
  type ConversationView,
  type CreatedConnectorView,
  type MessageView,
  type RealtimeEvents,
  SURVEY_ANSWERS_READER,
  type SurveyAnswersReader,
  type SurveyAnswerView,
  type SurveySettingsView,
} from '@throughline/domain';
import { startRecordingServer } from '@throughline/channels/social/testing';
import { type SmtpCapture, startSmtpCapture } from '@throughline/channels/email/testing';
import { SmtpInboundListener } from '@throughline/server/ingest';
import { JobProducer, QueueName, surveyJobId } from '@throughline/server/queue';
import { SurveySender } from '@throughline/server/surveys';
import { eventually, genericPayload, TestStack } from '../testing/test-stack';

const SITE = 'https://shop.example';
const TOKEN_IN_LINK = /\/s\/([A-Za-z0-9_-]{43})/;

interface SurveyRow {
  id: string;
  channel: string;
  delivery: string;
  kinds: string[];
  token_hash: string;
  message_id: string | null;
  csat: number | null;
  ces: number | null;
  nps: number | null;
  comment: string | null;
  answered_at: Date | null;
}

/** Surveys after a resolution, on each channel, end to end (real API, worker, PostgreSQL, Redis, SMTP, a callback server, a widget visitor). */
describe('customer surveys (real API, worker, PostgreSQL, Redis)', () => {
  let stack: TestStack;
  let callbacks: Awaited<ReturnType<typeof startRecordingServer>>;
  let generic: { id: string; url: string; secret: string };
  let smtp: SmtpCapture;
  const timeline: Array<RealtimeEvents['message.created']> = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    callbacks = await startRecordingServer(() => ({ status: 200, body: {} }));
    smtp = await startSmtpCapture();
    stack = await TestStack.start({
      env: { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/throughline_test_surveys_${process.pid}_${randomBytes(3).toString('hex')}` },
    });
    generic = await stack.createGenericConnector({ callbackUrl: `${callbacks.baseUrl}/replies` });
    await stack.createConnector({
      kind: 'email',
      provider: 'smtp',
      config: { address: 'support@shop.example', smtp: { host: smtp.host, port: smtp.port, secure: false } },
    });
    const agent = await stack.agentSocket('supervisor');
    agent.on('message.created', (event: RealtimeEvents['message.created']) => timeline.push(event));
    await settings({ csat: { enabled: true, delaySeconds: 0 }, ces: { enabled: true } });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack?.close();
    await callbacks?.close();
    await smtp?.stop();
  });

  async function settings(patch: Record<string, unknown>): Promise<SurveySettingsView> {
    const res = await stack.request<SurveySettingsView>('PATCH', '/api/settings/surveys', 'admin', patch);
    expect(res.status).toBe(200);
    return res.body;
  }

  const conversationOfMessage = (externalId: unknown) =>
    eventually(
      async () =>
        (await stack.db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [externalId])).rows[0]
          ?.conversation_id,
      20_000,
      `the conversation of ${String(externalId)}`,
    );

  async function fromGeneric(text: string): Promise<string> {
    const payload = genericPayload({ text });
    expect((await stack.sendWebhook(generic, payload)).status).toBe(202);
    return conversationOfMessage(payload['externalId']);
  }

  const setStatus = (id: string, status: string) => stack.request<ConversationView>('PATCH', `/api/conversations/${id}`, 'agent', { status });

  const surveyOf = async (conversationId: string): Promise<SurveyRow | undefined> =>
    (await stack.db.query<SurveyRow>('SELECT * FROM surveys WHERE conversation_id = $1', [conversationId])).rows[0];

  const surveyed = (conversationId: string) => eventually(() => surveyOf(conversationId), 15_000, `the survey of ${conversationId}`);

  /** Waits for the survey job of the conversation's resolution to finish, and returns what it did. */
  async function surveyJobResult(conversationId: string): Promise<string> {
    const { rows } = await stack.db.query<{ resolved_at: Date }>('SELECT resolved_at FROM conversations WHERE id = $1', [conversationId]);
    const jobId = surveyJobId({ conversationId, resolvedAt: rows[0].resolved_at.toISOString() });
    return finished(jobId);
  }

  /** What a survey job returned, once it has finished (`returnvalue` is null until then). */
  const finished = (jobId: string) =>
    eventually(
      async () => ((await stack.api.get(JobProducer).queue(QueueName.Survey).getJob(jobId))?.returnvalue as string | null) ?? undefined,
      15_000,
      `survey job ${jobId}`,
    );

  const answerJson = (token: string, body: unknown) => stack.request<SurveyAnswerView & { message: string }>('POST', `/api/surveys/${token}`, null, body);

  const answerForm = async (token: string, fields: Record<string, string>) => {
    const res = await fetch(`${stack.baseUrl}/api/surveys/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
  };

  const reader = () => stack.api.get<string, SurveyAnswersReader>(SURVEY_ANSWERS_READER);
  const messagesOf = async (conversationId: string) => (await stack.request<MessageView[]>('GET', `/api/conversations/${conversationId}/messages`)).body;

  describe('settings', () => {
    it('are for admins, validated field by field, and audited', async () => {
      expect((await stack.request('GET', '/api/settings/surveys', 'supervisor')).status).toBe(403);
      const current = await stack.request<SurveySettingsView>('GET', '/api/settings/surveys', 'admin');
      expect(current.body).toMatchObject({ csat: { enabled: true, delaySeconds: 0 }, ces: { enabled: true }, nps: { enabled: false, intervalDays: 90 } });
      for (const [body, field] of [
        [{ csat: { delaySeconds: -1 } }, 'csat.delaySeconds'],
        [{ nps: { intervalDays: 0 } }, 'nps.intervalDays'],
        [{ ces: { question: '' } }, 'ces.question'],
        [{ csat: { enabled: 'yes' } }, 'csat.enabled'],
        [{ survey: true }, 'survey'],
      ] as const) {
        const res = await stack.request<{ message: string }>('PATCH', '/api/settings/surveys', 'admin', body);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body.message)).toContain(field);
      }
      const changed = await settings({ ces: { question: 'Was it <easy>?' } });
      expect(changed.ces).toEqual({ enabled: true, question: 'Was it <easy>?' });
      expect(changed.csat.delaySeconds).toBe(0);
      const { rows } = await stack.db.query(`SELECT details FROM audit_log WHERE action = 'survey-settings.updated' ORDER BY created_at DESC LIMIT 1`);
      expect(rows[0].details).toMatchObject({ before: { ces: { question: 'How easy was it to get help?' } }, after: { ces: { question: 'Was it <easy>?' } } });
    });
  });

  describe('a generic connector with a callback', () => {
    let conversationId: string;
    let token: string;

    it('gets one survey link in the callback when the conversation is resolved, and agents see the message without the token', async () => {
      conversationId = await fromGeneric('Where is my parcel?');
      expect((await setStatus(conversationId, 'resolved')).status).toBe(200);
      const survey = await surveyed(conversationId);
      expect(survey).toMatchObject({ channel: 'generic', delivery: 'link', kinds: ['csat', 'ces'] });
      const callback = await eventually(async () => callbacks.requests.find((r) => r.body.includes(survey.message_id ?? '-')), 15_000, 'the survey callback');
      const sent = JSON.parse(callback.body) as { text: string; conversationId: string };
      expect(sent.conversationId).toBe(conversationId);
      token = TOKEN_IN_LINK.exec(sent.text)?.[1] ?? '';
      expect(token).not.toBe('');
      expect(survey.token_hash).not.toContain(token);
      const stored = (await messagesOf(conversationId)).find((m) => m.id === survey.message_id);
      expect(stored).toMatchObject({ direction: 'outbound', deliveryStatus: 'sent', text: expect.stringContaining('{survey link}') });
      expect(JSON.stringify(await messagesOf(conversationId))).not.toContain(token);
    });

    it('records a JSON answer, refuses bad ones naming the field, shows it on the timeline live and in answersBetween', async () => {
      const before = new Date();
      expect((await answerJson(token, { ces: 5 })).body.message).toContain('csat');
      const bad = await answerJson(token, { csat: 9 });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.message)).toContain('csat');
      expect((await answerJson(token, { csat: 4, nps: 9 })).body).toMatchObject({ statusCode: 400, message: 'nps: this survey does not ask it' });
      expect((await answerJson(token, { csat: 4, color: 'red' })).status).toBe(400);
      expect((await answerJson('x'.repeat(43), { csat: 4 })).status).toBe(404);
      expect((await answerJson('nope', { csat: 4 })).status).toBe(404);

      const ok = await answerJson(token, { csat: 4, ces: 6, comment: 'Quick and kind' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ csat: 4, ces: 6, nps: null, comment: 'Quick and kind' });
      const line = await eventually(
        async () => timeline.find((e) => e.message.text.startsWith('Survey answered') && e.conversation.id === conversationId),
        10_000,
        'the live line',
      );
      expect(line.message).toMatchObject({ direction: 'system', text: 'Survey answered: CSAT 4/5, CES 6/7 — “Quick and kind”' });
      expect((await messagesOf(conversationId)).some((m) => m.id === line.message.id)).toBe(true);

      // Changed within the week: the latest answer counts, once.
      expect((await answerJson(token, { csat: 2 })).body).toMatchObject({ csat: 2, ces: null, comment: null });
      const answers = (await reader().answersBetween(before, new Date(Date.now() + 1000))).filter((a) => a.conversationId === conversationId);
      expect(answers).toEqual([{ conversationId, csat: 2, ces: null, nps: null, answeredAt: expect.any(Date) }]);
      expect((await messagesOf(conversationId)).filter((m) => m.text.startsWith('Survey answer changed: CSAT 2/5'))).toHaveLength(1);
    });

    it('closes after seven days (410)', async () => {
      await stack.db.query(`UPDATE surveys SET sent_at = now() - interval '7 days 1 second' WHERE conversation_id = $1`, [conversationId]);
      expect((await answerJson(token, { csat: 5 })).status).toBe(410);
      const page = await fetch(`${stack.baseUrl}/s/${token}`);
      expect(page.status).toBe(410);
      expect(await page.text()).toContain('This survey is closed.');
    });

    it('sends no survey when the conversation is reopened within the delay', async () => {
      await settings({ csat: { delaySeconds: 2 } });
      try {
        const id = await fromGeneric('Reopen me please');
        await setStatus(id, 'resolved');
        await setStatus(id, 'open');
        const { rows } = await stack.db.query<{ resolved_at: Date | null }>(
          `SELECT to_value, occurred_at AS resolved_at FROM conversation_events WHERE conversation_id = $1 AND kind = 'status' AND to_value = 'resolved'`,
          [id],
        );
        const jobId = surveyJobId({ conversationId: id, resolvedAt: (rows[0].resolved_at as Date).toISOString() });
        const queue = stack.api.get(JobProducer).queue(QueueName.Survey);
        expect(await (await queue.getJob(jobId))?.getState()).toBe('delayed');
        expect(await finished(jobId)).toMatch(/^no survey: reopened/);
        expect(await surveyOf(id)).toBeUndefined();
      } finally {
        await settings({ csat: { delaySeconds: 0 } });
      }
    });

    it('sends one survey for two resolutions at once, and one for duplicate jobs run side by side', async () => {
      const id = await fromGeneric('Resolve me twice');
      const [a, b] = await Promise.all([setStatus(id, 'resolved'), setStatus(id, 'resolved')]);
      expect([a.status, b.status]).toEqual([200, 200]);
      await surveyed(id);
      await stack.settle();
      expect((await stack.db.query('SELECT count(*)::int AS n FROM surveys WHERE conversation_id = $1', [id])).rows[0].n).toBe(1);
      expect((await messagesOf(id)).filter((m) => m.metadata['survey'])).toHaveLength(1);

      // The same job delivered twice (or retried while running): the unique constraint lets one through.
      const other = await fromGeneric('Duplicate jobs');
      await settings({ csat: { enabled: false }, ces: { enabled: false } });
      await setStatus(other, 'resolved');
      await settings({ csat: { enabled: true }, ces: { enabled: true } });
      const { rows } = await stack.db.query<{ resolved_at: Date }>('SELECT resolved_at FROM conversations WHERE id = $1', [other]);
      const sender = stack.worker?.get(SurveySender) as SurveySender;
      const job = { conversationId: other, resolvedAt: rows[0].resolved_at.toISOString() };
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => sender.send(job)));
      expect(outcomes.filter((o) => 'sent' in o)).toHaveLength(1);
      expect(outcomes.filter((o) => 'skipped' in o)).toEqual(Array(3).fill({ skipped: 'this conversation was surveyed already' }));
      await stack.settle();
    });

    it('schedules the survey of a resolution whose job never reached Redis (the sweeper)', async () => {
      const id = await fromGeneric('Lost job please');
      await settings({ csat: { enabled: false }, ces: { enabled: false } });
      await setStatus(id, 'resolved'); // nothing enabled: no job is added
      await settings({ csat: { enabled: true }, ces: { enabled: true } });
      // As if it had been resolved two minutes ago while Redis was down.
      await stack.db.query(`UPDATE conversations SET resolved_at = resolved_at - interval '2 minutes' WHERE id = $1`, [id]);
      expect((await surveyed(id)).kinds).toEqual(['csat', 'ces']);
    });

    it('spares an angry customer nobody answered', async () => {
      const id = await fromGeneric('This is outrageous, I am furious! Worst service ever, I hate this.');
      await setStatus(id, 'resolved');
      expect(await surveyJobResult(id)).toBe('no survey: the customer was angry and nobody answered them');
      expect(await surveyOf(id)).toBeUndefined();
    });
  });

  describe('email', () => {
    it('gets the survey link in an email reply, answered on the page with its form (no JavaScript), escaped and changeable', async () => {
      const inbound = createTransport({ host: '127.0.0.1', port: stack.api.get(SmtpInboundListener).port as number, secure: false, ignoreTLS: true });
      const customer = `mia-${randomBytes(3).toString('hex')}@example.org`;
      await inbound.sendMail({ from: customer, to: 'support@shop.example', subject: 'Broken lid', text: 'The lid of my kettle broke.' });
      const conversationId = await eventually(
        async () =>
          (await stack.db.query<{ conversation_id: string }>(`SELECT conversation_id FROM messages WHERE text LIKE '%lid of my kettle%'`)).rows[0]
            ?.conversation_id,
        20_000,
        'the email conversation',
      );
      await stack.request('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'A new lid is on its way.' });
      await smtp.waitForMessages(1, 15_000);
      await setStatus(conversationId, 'resolved');
      const survey = await surveyed(conversationId);
      expect(survey).toMatchObject({ channel: 'email', delivery: 'link' });
      const mails = await smtp.waitForMessages(2, 15_000);
      const mail = mails.find((m) => m.raw.toString().includes('/s/')) as (typeof mails)[number];
      expect(mail.to).toEqual([customer]);
      const raw = mail.raw.toString().replace(/=\r?\n/g, '');
      expect(raw).toMatch(/^In-Reply-To:/im);
      const token = TOKEN_IN_LINK.exec(raw)?.[1] ?? '';
      expect(token).not.toBe('');

      const page = await fetch(`${stack.baseUrl}/s/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('<meta name="viewport"');
      expect(html).toContain(`<form method="post" action="/api/surveys/${token}">`);
      expect(html).not.toContain('<script');
      expect(html).toContain('Was it &lt;easy&gt;?');
      expect(html.match(/name="csat"/g)).toHaveLength(5);
      expect(html.match(/name="ces"/g)).toHaveLength(7);
      expect(html).not.toContain('name="nps"');

      const thanks = await answerForm(token, { csat: '5', ces: '', comment: '<script>alert(1)</script> great' });
      expect(thanks.status).toBe(200);
      expect(thanks.type).toContain('text/html');
      expect(thanks.html).toContain('Thank you!');
      const again = await (await fetch(`${stack.baseUrl}/s/${token}`)).text();
      expect(again).toContain('&lt;script&gt;alert(1)&lt;/script&gt; great');
      expect(again).not.toContain('<script>alert');
      expect(again).toMatch(/value="5" checked/);
      expect(await surveyOf(conversationId)).toMatchObject({ csat: 5, ces: null, comment: '<script>alert(1)</script> great' });

      const refused = await answerForm(token, { csat: '5', nps: '9' });
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('nps: this survey does not ask it');
      const answers = await reader().answersBetween(new Date(Date.now() - 60_000), new Date(Date.now() + 1000));
      expect(answers.find((a) => a.conversationId === conversationId)).toMatchObject({ csat: 5, ces: null });
    });

    it('asks NPS at most once per interval per customer', async () => {
      await settings({ nps: { enabled: true } });
      try {
        const from = { email: `nia-${randomBytes(3).toString('hex')}@example.org`, name: 'Nia' };
        const first = genericPayload({ text: 'First question', from, threadKey: 'nps-1' });
        await stack.sendWebhook(generic, first);
        const firstId = await conversationOfMessage(first['externalId']);
        await setStatus(firstId, 'resolved');
        expect((await surveyed(firstId)).kinds).toEqual(['csat', 'ces', 'nps']);
        const second = genericPayload({ text: 'Another question', from, threadKey: 'nps-2' });
        await stack.sendWebhook(generic, second);
        const secondId = await conversationOfMessage(second['externalId']);
        expect(secondId).not.toBe(firstId);
        await setStatus(secondId, 'resolved');
        expect((await surveyed(secondId)).kinds).toEqual(['csat', 'ces']);
      } finally {
        await settings({ nps: { enabled: false } });
      }
    });
  });

  describe('chat', () => {
    it('shows a 1–5 rating in the widget, records the rating from the visitor socket and shows it on the timeline', async () => {
      const widget = await stack.createConnector<CreatedConnectorView>({ kind: 'chat', provider: 'widget', config: { allowedOrigins: [SITE] } });
      const socket = io(`${stack.baseUrl}/chat`, {
        path: '/socket.io',
        auth: { connectorKey: String(widget.config['connectorKey']), name: 'Vic' },
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { origin: SITE },
        forceNew: true,
      });
      sockets.push(socket);
      const received: ChatMessage[] = [];
      socket.on('message', (m: ChatMessage) => received.push(m));
      await new Promise<ChatServerEvents['session']>((resolve, reject) => {
        socket.once('session', resolve);
        socket.once('connect_error', reject);
      });
      await socket.timeout(10_000).emitWithAck('message', { text: 'Do you ship to Norway?', clientId: 'c1' });
      const conversationId = await eventually(
        async () => timeline.find((e) => e.message.text === 'Do you ship to Norway?')?.conversation.id,
        15_000,
        'the chat message reaching agents',
      );
      await stack.request('POST', `/api/conversations/${conversationId}/messages`, 'agent', { text: 'Yes, in three days.' });
      await setStatus(conversationId, 'resolved');
      const survey = await eventually(async () => received.find((m) => m.survey), 15_000, 'the survey in the widget');
      expect(survey).toMatchObject({ author: 'agent', survey: { min: 1, max: 5 }, text: expect.stringContaining('How satisfied') });
      expect(survey.text).not.toContain('{survey link}');
      expect(await surveyOf(conversationId)).toMatchObject({ channel: 'chat', delivery: 'inline', message_id: survey.id });

      expect(await socket.timeout(10_000).emitWithAck('survey', { messageId: survey.id, csat: 7 })).toEqual({ error: 'survey.csat: must be 1 to 5' });
      const elsewhere = (
        await stack.db.query<{ message_id: string }>(`SELECT message_id FROM surveys WHERE channel = 'generic' AND message_id IS NOT NULL LIMIT 1`)
      ).rows[0];
      expect(await socket.timeout(10_000).emitWithAck('survey', { messageId: elsewhere.message_id, csat: 3 })).toEqual({
        error: 'messageId: no survey of this conversation was sent in this message',
      });
      const ack = (await socket.timeout(10_000).emitWithAck('survey', { messageId: survey.id, csat: 4 })) as ChatSurveyAck;
      expect(ack).toEqual({ csat: 4 });
      expect(await surveyOf(conversationId)).toMatchObject({ csat: 4 });
      const line = await eventually(
        async () => timeline.find((e) => e.conversation.id === conversationId && e.message.text === 'Survey answered: CSAT 4/5'),
        10_000,
        'the line',
      );
      expect(line.message.direction).toBe('system');
      const answers = await reader().answersBetween(new Date(Date.now() - 60_000), new Date(Date.now() + 1000));
      expect(answers.find((a) => a.conversationId === conversationId)).toMatchObject({ csat: 4 });
    });
  });
});
