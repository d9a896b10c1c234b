import type { BusinessSchedule } from './business-time';
import type { SurveyAnswer } from './survey-answers';
import {
  cesAverage,
  type ConversationAggregate,
  conversationMetrics,
  csatSatisfiedPct,
  EMPTY_AGGREGATE,
  elapsedClock,
  npsScore,
  reportCsv,
  type ReportEvent,
  reportRows,
} from './service-metrics';

const t = (iso: string) => Date.parse(iso);
const ev = (kind: ReportEvent['kind'], iso: string, extra: Partial<ReportEvent> = {}): ReportEvent => ({ kind, at: t(iso), ...extra });
const wallClock = elapsedClock(null);
/** Mon–Fri 09:00–17:00 in London (UTC+0 in winter). */
const office: BusinessSchedule = {
  timezone: 'Europe/London',
  weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
  holidays: [],
};

describe('conversationMetrics', () => {
  it('measures first response and resolution from the first contact', () => {
    const m = conversationMetrics(
      [
        ev('created', '2026-03-02T10:00:00Z', { to: 'open' }),
        ev('inbound', '2026-03-02T10:00:00Z', { channel: 'email' }),
        ev('reply', '2026-03-02T10:05:00Z'),
        ev('status', '2026-03-02T11:00:00Z', { to: 'resolved' }),
      ],
      wallClock,
    );
    expect(m).toEqual({
      firstResponseSeconds: 300,
      resolutionSeconds: 3600,
      nextResponseSeconds: [],
      resolved: true,
      reopened: false,
      contacts: { messages: 1, channels: 1 },
    });
  });

  it('keeps the first resolution when the conversation is reopened and resolved again', () => {
    const m = conversationMetrics(
      [
        ev('created', '2026-03-02T10:00:00Z', { to: 'open' }),
        ev('inbound', '2026-03-02T10:00:00Z', { channel: 'chat' }),
        ev('reply', '2026-03-02T10:01:00Z'),
        ev('status', '2026-03-02T10:30:00Z', { to: 'resolved' }),
        ev('status', '2026-03-03T09:00:00Z', { to: 'open' }),
        ev('inbound', '2026-03-03T09:00:00Z', { channel: 'chat' }),
        ev('reply', '2026-03-03T09:10:00Z'),
        ev('status', '2026-03-03T12:00:00Z', { to: 'resolved' }),
      ],
      wallClock,
    );
    expect(m.resolutionSeconds).toBe(1800);
    expect(m.resolved).toBe(true);
    expect(m.reopened).toBe(true);
    // The message after the reopen is a new wait; it is not a contact before the (first) resolution.
    expect(m.nextResponseSeconds).toEqual([600]);
    expect(m.contacts).toEqual({ messages: 1, channels: 1 });
  });

  it('is not reopened by a status change that does not follow a resolution, nor resolved without one', () => {
    const m = conversationMetrics(
      [
        ev('created', '2026-03-02T10:00:00Z', { to: 'open' }),
        ev('status', '2026-03-02T10:10:00Z', { to: 'pending' }),
        ev('status', '2026-03-02T10:20:00Z', { to: 'open' }),
      ],
      wallClock,
    );
    expect(m).toMatchObject({ resolved: false, reopened: false, resolutionSeconds: null, firstResponseSeconds: null, contacts: null });
  });

  it('stops the clocks while pending or snoozed', () => {
    const m = conversationMetrics(
      [
        ev('created', '2026-03-02T10:00:00Z', { to: 'open' }),
        ev('inbound', '2026-03-02T10:00:00Z', { channel: 'email' }),
        ev('status', '2026-03-02T10:10:00Z', { to: 'pending' }),
        ev('status', '2026-03-02T12:10:00Z', { to: 'open' }),
        ev('reply', '2026-03-02T12:20:00Z'),
        ev('inbound', '2026-03-02T13:00:00Z', { channel: 'email' }),
        ev('status', '2026-03-02T13:05:00Z', { to: 'snoozed' }),
        ev('status', '2026-03-02T14:05:00Z', { to: 'open' }),
        ev('reply', '2026-03-02T14:10:00Z'),
        ev('status', '2026-03-02T15:00:00Z', { to: 'resolved' }),
      ],
      wallClock,
    );
    expect(m.firstResponseSeconds).toBe(20 * 60);
    expect(m.nextResponseSeconds).toEqual([10 * 60]);
    // 5 h wall time less 2 h pending and 1 h snoozed.
    expect(m.resolutionSeconds).toBe(2 * 3600);
  });

  it('counts business hours where a schedule applies', () => {
    const history = [
      // Friday 16:00 London: one open hour on Friday, the reply on Monday 10:00.
      ev('created', '2026-03-06T16:00:00Z', { to: 'open' }),
      ev('inbound', '2026-03-06T16:00:00Z', { channel: 'email' }),
      ev('reply', '2026-03-09T10:00:00Z'),
      ev('status', '2026-03-09T11:30:00Z', { to: 'resolved' }),
    ];
    const measured = conversationMetrics(history, elapsedClock(office));
    expect(measured.firstResponseSeconds).toBe(2 * 3600);
    expect(measured.resolutionSeconds).toBe(3.5 * 3600);
    // The same with the calendar worked out once for a window, and for a duration reaching outside it.
    expect(conversationMetrics(history, elapsedClock(office, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') }))).toEqual(
      measured,
    );
    expect(conversationMetrics(history, elapsedClock(office, { from: new Date('2026-03-07T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') }))).toEqual(
      measured,
    );
  });

  it('stops the business clock for pauses inside open hours too', () => {
    const clock = elapsedClock(office, { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') });
    const m = conversationMetrics(
      [
        ev('created', '2026-03-06T16:00:00Z', { to: 'open' }),
        ev('status', '2026-03-06T16:30:00Z', { to: 'pending' }),
        ev('status', '2026-03-09T09:30:00Z', { to: 'open' }),
        ev('reply', '2026-03-09T10:00:00Z'),
      ],
      clock,
    );
    expect(m.firstResponseSeconds).toBe(3600);
  });

  it("starts the first-response clock where the customer began waiting: an earlier contact joined in, or a merged customer's wait", () => {
    const joined = [
      // A chat message came first and its conversation was joined into this email one (its history carried over, without its creation).
      ev('inbound', '2026-03-02T09:00:00Z', { channel: 'chat' }),
      ev('created', '2026-03-02T09:30:00Z', { to: 'open' }),
      ev('inbound', '2026-03-02T09:30:00Z', { channel: 'email' }),
      ev('reply', '2026-03-02T10:00:00Z'),
      ev('status', '2026-03-02T10:30:00Z', { to: 'resolved' }),
    ];
    expect(conversationMetrics(joined, wallClock)).toMatchObject({
      firstResponseSeconds: 3600,
      resolutionSeconds: 5400,
      contacts: { messages: 2, channels: 2 },
    });
    const own = [
      ev('created', '2026-03-02T09:30:00Z', { to: 'open' }),
      ev('inbound', '2026-03-02T09:30:00Z', { channel: 'email' }),
      ev('reply', '2026-03-02T10:00:00Z'),
    ];
    expect(conversationMetrics(own, wallClock, t('2026-03-02T08:30:00Z')).firstResponseSeconds).toBe(5400);
    // A wait that started later than the conversation changes nothing.
    expect(conversationMetrics(own, wallClock, t('2026-03-02T09:45:00Z')).firstResponseSeconds).toBe(1800);
  });

  it('counts the messages and channels a customer needed before resolution, across channel switches', () => {
    const m = conversationMetrics(
      [
        ev('created', '2026-03-02T09:00:00Z', { to: 'open' }),
        ev('inbound', '2026-03-02T09:00:00Z', { channel: 'email' }),
        ev('inbound', '2026-03-02T09:20:00Z', { channel: 'email' }),
        ev('inbound', '2026-03-02T10:00:00Z', { channel: 'phone' }),
        ev('reply', '2026-03-02T10:05:00Z'),
        ev('inbound', '2026-03-02T11:00:00Z', { channel: 'chat' }),
        ev('reply', '2026-03-02T11:02:00Z'),
        ev('status', '2026-03-02T11:10:00Z', { to: 'resolved' }),
        ev('inbound', '2026-03-02T12:00:00Z', { channel: 'social' }),
      ],
      wallClock,
    );
    expect(m.contacts).toEqual({ messages: 4, channels: 3 });
    expect(m.nextResponseSeconds).toEqual([120]);
  });

  it('takes a first response met in another conversation of the customer, and sorts an unordered history', () => {
    const m = conversationMetrics(
      [
        ev('reply', '2026-03-02T10:30:00Z'),
        ev('first_response', '2026-03-02T10:10:00Z'),
        ev('inbound', '2026-03-02T10:00:00Z', { channel: 'email' }),
        ev('created', '2026-03-02T10:00:00Z', { to: 'open' }),
      ],
      wallClock,
    );
    expect(m.firstResponseSeconds).toBe(600);
    // No customer message waited for the later reply.
    expect(m.nextResponseSeconds).toEqual([]);
  });
});

describe('survey scores and percentiles', () => {
  it('CSAT counts 4 and 5 as satisfied', () => {
    expect(csatSatisfiedPct([5, 4, 3, 1])).toBe(50);
    expect(csatSatisfiedPct([5, 4, 4])).toBe(100);
    expect(csatSatisfiedPct([])).toBeNull();
  });

  it('CES is the mean answer', () => {
    expect(cesAverage([7, 6, 2])).toBe(5);
    expect(cesAverage([1, 2])).toBe(1.5);
    expect(cesAverage([])).toBeNull();
  });

  it('NPS is % promoters (9–10) minus % detractors (0–6)', () => {
    expect(npsScore([10, 9, 8, 7, 6, 0])).toBeCloseTo(0);
    expect(npsScore([10, 10, 9, 3])).toBe(50);
    expect(npsScore([0, 6, 7])).toBe(-66.7);
    expect(npsScore([])).toBeNull();
  });
});

describe('reportRows', () => {
  const aggregate = (over: Partial<ConversationAggregate>): ConversationAggregate => ({ ...EMPTY_AGGREGATE, ...over });
  const answer = (conversationId: string, csat: number | null, ces: number | null, nps: number | null): SurveyAnswer => ({
    conversationId,
    csat,
    ces,
    nps,
    answeredAt: new Date(),
  });
  const range = { from: new Date('2026-03-02T00:00:00Z'), to: new Date('2026-03-05T00:00:00Z') };
  const busyDay = aggregate({
    conversations: 2,
    resolved: 2,
    reopened: 1,
    firstResponseMedianSeconds: 200.4,
    firstResponseP90Seconds: 280,
    underSla: 2,
    slaMet: 1,
    contactMessages: 2,
    contactChannels: 1.5,
  });
  const quietDay = aggregate({ conversations: 1, underSla: 3, slaMet: 2, contactMessages: 1.666666 });

  it('fills every day of the range, in order, and derives rates, rounding and survey scores', () => {
    const { rows, totals } = reportRows(
      new Map([
        ['2026-03-04', quietDay],
        ['2026-03-02', busyDay],
      ]),
      aggregate({ conversations: 3, resolved: 2, reopened: 1, nextResponseMedianSeconds: 59.5, underSla: 3, slaMet: 2 }),
      new Map([['2026-03-02', [answer('a', 5, 6, 10), answer('b', 2, 3, null)]]]),
      'day',
      range,
      String,
    );
    expect(rows.map((r) => [r.key, r.conversations])).toEqual([
      ['2026-03-02', 2],
      ['2026-03-03', 0],
      ['2026-03-04', 1],
    ]);
    expect(rows[0]).toMatchObject({
      resolved: 2,
      reopened: 1,
      reopenRatePct: 50,
      firstResponseMedianSeconds: 200,
      firstResponseP90Seconds: 280,
      slaMetPct: 50,
      csat: { responses: 2, satisfiedPct: 50 },
      contactsPerIssue: { messages: 2, channels: 1.5 },
    });
    expect(rows[1]).toMatchObject({ reopenRatePct: null, slaMetPct: null, firstResponseMedianSeconds: null, csat: { responses: 0, satisfiedPct: null } });
    expect(rows[2]).toMatchObject({ slaMetPct: 66.7, contactsPerIssue: { messages: 1.67, channels: null } });
    expect(totals).toMatchObject({
      conversations: 3,
      nextResponseMedianSeconds: 60,
      csat: { responses: 2, satisfiedPct: 50 },
      ces: { responses: 2, average: 4.5 },
      nps: { responses: 1, score: 100 },
    });
  });

  it('keys weeks by their Monday', () => {
    const { rows } = reportRows(
      new Map(),
      EMPTY_AGGREGATE,
      new Map(),
      'week',
      { from: new Date('2026-03-04T00:00:00Z'), to: new Date('2026-03-10T00:00:00Z') },
      String,
    );
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['2026-03-02', 'Week of 2026-03-02'],
      ['2026-03-09', 'Week of 2026-03-09'],
    ]);
  });

  it('lists agents, queues and channels busiest first, named, with no empty filler', () => {
    const names: Record<string, string> = { u1: 'Ana', none: 'Unassigned' };
    const byAgent = reportRows(
      new Map([
        ['none', aggregate({ conversations: 1 })],
        ['u1', busyDay],
      ]),
      EMPTY_AGGREGATE,
      new Map(),
      'agent',
      range,
      (k) => names[k] ?? k,
    ).rows;
    expect(byAgent.map((r) => [r.key, r.label, r.conversations])).toEqual([
      ['u1', 'Ana', 2],
      ['none', 'Unassigned', 1],
    ]);
    const byChannel = reportRows(new Map([['chat', quietDay]]), EMPTY_AGGREGATE, new Map(), 'channel', range, String).rows;
    expect(byChannel.map((r) => [r.key, r.label])).toEqual([['chat', 'chat']]);
  });

  it('writes CSV with a header, the rows and the totals, quoting and defusing labels', () => {
    const report = reportRows(
      new Map([
        ['u1', aggregate({ ...busyDay, resolutionMedianSeconds: 600, resolutionP90Seconds: 600, nextResponseMedianSeconds: 60 })],
        ['none', aggregate({ conversations: 1 })],
      ]),
      aggregate({ conversations: 3, resolved: 2, reopened: 1 }),
      new Map([['u1', [answer('a', 5, 6, 10), answer('b', 2, 3, null)]]]),
      'agent',
      range,
      (k) => (k === 'u1' ? '=Ana, "the boss"' : 'Nobody'),
    );
    const lines = reportCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'key,label,conversations,resolved,reopened,reopenRatePct,firstResponseMedianSeconds,firstResponseP90Seconds,resolutionMedianSeconds,resolutionP90Seconds,nextResponseMedianSeconds,slaMetPct,csatResponses,csatSatisfiedPct,cesResponses,cesAverage,npsResponses,npsScore,contactsPerIssueMessages,contactsPerIssueChannels',
    );
    expect(lines[1]).toBe(`u1,"'=Ana, ""the boss""",2,2,1,50,200,280,600,600,60,50,2,50,2,4.5,1,100,2,1.5`);
    expect(lines[2]).toBe('none,Nobody,1,0,0,,,,,,,,0,,0,,0,,,');
    expect(lines[3]).toMatch(/^total,Total,3,2,1,50,/);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });
});
