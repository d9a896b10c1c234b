import { analyzeHistory, HistoryConversation, HistoryInput, HistoryMessage } from './analyze-history';

const NOW = new Date('2026-11-19T12:00:00Z'); // a Thursday
const at = (iso: string) => new Date(iso);
const inbound = (conversationId: string, channel: string, iso: string, text = '…'): HistoryMessage => ({
  conversationId,
  channel,
  direction: 'inbound',
  at: at(iso),
  text,
});
const outbound = (conversationId: string, channel: string, iso: string, text = 'Answer'): HistoryMessage => ({
  conversationId,
  channel,
  direction: 'outbound',
  at: at(iso),
  text,
});
const conversation = (id: string, overrides: Partial<HistoryConversation> = {}): HistoryConversation => ({
  id,
  status: 'open',
  subject: null,
  createdAt: at('2026-11-16T09:00:00Z'),
  ...overrides,
});
const history = (contacts: HistoryMessage[], overrides: Partial<HistoryInput> = {}) =>
  analyzeHistory({
    now: NOW,
    currentConversationId: 'current',
    contacts,
    conversations: [conversation('current')],
    ...overrides,
  });
const kinds = (result: ReturnType<typeof analyzeHistory>) => result.signals.map((signal) => signal.kind);

describe('analyzeHistory: contacts this week', () => {
  it('names the third contact in 7 days and its channels', () => {
    const result = history([
      inbound('e1', 'email', '2026-11-16T09:12:00Z'),
      inbound('t1', 'x', '2026-11-17T11:30:00Z'),
      inbound('current', 'phone', '2026-11-19T10:00:00Z'),
    ]);
    expect(result.recentContacts.count).toBe(3);
    expect(result.signals).toContainEqual(
      expect.objectContaining({
        kind: 'repeat-contact',
        reason: 'third contact in 7 days: email, X, phone',
        facts: expect.objectContaining({
          contactOrdinal: 'third',
          contactCount: '3',
        }),
      }),
    );
  });

  it('does not count replies to our answers, chat bursts, or contacts older than the window', () => {
    const result = history([
      inbound('old', 'email', '2026-11-01T09:00:00Z'),
      inbound('current', 'chat', '2026-11-19T10:00:00Z', 'hi'),
      inbound('current', 'chat', '2026-11-19T10:01:00Z', 'my order is late'),
      outbound('current', 'chat', '2026-11-19T10:05:00Z'),
      inbound('current', 'chat', '2026-11-19T10:30:00Z', 'ok, order 123'),
    ]);
    expect(result.recentContacts.count).toBe(1);
    expect(kinds(result)).not.toContain('repeat-contact');
  });

  it('counts chasing us in the same thread after an hour without a reply', () => {
    const result = history([inbound('current', 'email', '2026-11-18T09:00:00Z'), inbound('current', 'email', '2026-11-19T09:00:00Z')]);
    expect(result.recentContacts.count).toBe(2);
    expect(result.signals).toContainEqual(
      expect.objectContaining({
        kind: 'repeat-contact',
        reason: 'second contact in 7 days: email, email',
      }),
    );
  });
});

describe('analyzeHistory: waiting and channel switches', () => {
  it('detects email unanswered → tweet as a channel switch, with the silence', () => {
    const result = history([inbound('e1', 'email', '2026-11-16T09:12:00Z'), inbound('current', 'x', '2026-11-17T11:12:00Z')]);
    expect(result.channelSwitches).toEqual([
      expect.objectContaining({
        from: 'email',
        to: 'x',
        silentHours: 26,
        reason: 'emailed Mon 09:12, no answer for 26 h, then tweeted',
      }),
    ]);
    expect(result.signals).toContainEqual(
      expect.objectContaining({
        kind: 'channel-switch',
        facts: { switchedFrom: 'email', switchedTo: 'X' },
      }),
    );
  });

  it('is no switch when we had answered, or when the customer moved on within the hour', () => {
    expect(
      history([
        inbound('e1', 'email', '2026-11-16T09:12:00Z'),
        outbound('e1', 'email', '2026-11-16T10:00:00Z'),
        inbound('current', 'x', '2026-11-17T11:12:00Z'),
      ]).channelSwitches,
    ).toEqual([]);
    expect(history([inbound('e1', 'email', '2026-11-19T09:12:00Z'), inbound('current', 'chat', '2026-11-19T09:40:00Z')]).channelSwitches).toEqual([]);
  });

  it('reports how long the customer has been waiting in this conversation, and a long wait', () => {
    const result = history([
      inbound('current', 'email', '2026-11-18T08:00:00Z'),
      outbound('current', 'email', '2026-11-18T09:00:00Z'),
      inbound('current', 'email', '2026-11-18T10:00:00Z'),
      inbound('current', 'email', '2026-11-18T11:00:00Z'),
    ]);
    expect(result.waiting).toEqual(
      expect.objectContaining({
        since: at('2026-11-18T10:00:00Z'),
        hours: 26,
        answeredAt: null,
      }),
    );
    expect(result.signals).toContainEqual({
      kind: 'long-wait',
      reason: 'waiting 26 h since the email of Wed 10:00',
      facts: { waitedFor: '26 hours' },
    });
  });

  it('remembers the longest answered wait of the week, and a short wait is no signal', () => {
    const answeredLate = history([inbound('e1', 'email', '2026-11-16T09:00:00Z'), outbound('e1', 'email', '2026-11-17T13:00:00Z')]);
    expect(answeredLate.waiting).toBeNull();
    expect(answeredLate.longestWait).toEqual(
      expect.objectContaining({
        hours: 28,
        reason: 'waited 28 h for an answer to the email of Mon 09:00',
      }),
    );
    expect(kinds(answeredLate)).toContain('long-wait');
    expect(kinds(history([inbound('current', 'chat', '2026-11-19T11:00:00Z')]))).not.toContain('long-wait');
  });
});

describe('analyzeHistory: promises', () => {
  it('detects an open callback promise from our own message', () => {
    const result = history([
      inbound('current', 'email', '2026-11-17T09:00:00Z'),
      outbound('current', 'email', '2026-11-17T10:00:00Z', "Sorry about this — I'll call you back tomorrow morning."),
    ]);
    expect(result.openPromises).toEqual([
      expect.objectContaining({
        kind: 'callback',
        madeAt: at('2026-11-17T10:00:00Z'),
        ageHours: 50,
      }),
    ]);
    expect(result.signals).toContainEqual(
      expect.objectContaining({
        kind: 'open-promise',
        reason: expect.stringContaining('callback promised Tue 10:00 (2 days ago), not kept yet: "Sorry about this'),
        facts: { promiseKind: 'callback' },
      }),
    );
  });

  it('does not report a callback we made', () => {
    const result = history([
      outbound('current', 'email', '2026-11-17T10:00:00Z', "I'll call you back tomorrow morning."),
      outbound('current', 'phone', '2026-11-18T09:30:00Z', 'Call, 4 min'),
    ]);
    expect(result.openPromises).toEqual([]);
    expect(kinds(result)).not.toContain('open-promise');
  });

  it('checks recorded promises for fulfilment too, without double-counting detected ones', () => {
    const promiseMessage = outbound('current', 'email', '2026-11-17T10:00:00Z', 'Your refund will be processed this week.');
    const result = history([promiseMessage], {
      openPromises: [
        {
          kind: 'refund',
          madeAt: promiseMessage.at,
          text: 'refund',
          conversationId: 'current',
        },
        {
          kind: 'follow-up',
          madeAt: at('2026-11-16T10:00:00Z'),
          text: 'Agent will follow up',
          conversationId: 'current',
        },
      ],
    });
    // the follow-up was kept by the later refund message in the same conversation
    expect(result.openPromises.map((promise) => promise.kind)).toEqual(['refund']);
  });
});

describe('analyzeHistory: earlier conversations', () => {
  it('lists earlier negative conversations and which are unresolved', () => {
    const result = history([], {
      conversations: [
        conversation('current', { lastSentiment: -0.8 }),
        conversation('refund', {
          subject: 'Refund missing',
          status: 'open',
          lastSentiment: -0.6,
        }),
        conversation('crash', {
          subject: 'App crashes',
          status: 'resolved',
          resolvedAt: at('2026-11-10T12:00:00Z'),
          createdAt: at('2026-11-09T12:00:00Z'),
          lastSentiment: -0.4,
        }),
        conversation('happy', {
          subject: 'Thanks',
          status: 'resolved',
          lastSentiment: 0.8,
        }),
        conversation('ancient', {
          subject: 'Old',
          status: 'resolved',
          createdAt: at('2025-01-01T00:00:00Z'),
          lastSentiment: -0.9,
        }),
      ],
    });
    expect(result.previousNegative.map((c) => c.conversationId)).toEqual(['refund', 'crash']);
    expect(result.unresolvedComplaints.map((c) => c.conversationId)).toEqual(['refund']);
    expect(result.signals).toContainEqual(
      expect.objectContaining({
        kind: 'previous-negative',
        reason: '2 earlier negative conversations in 90 days: "Refund missing" (open, sentiment -0.60), "App crashes" (resolved Tue 12:00, sentiment -0.40)',
      }),
    );
    expect(result.signals).toContainEqual(
      expect.objectContaining({
        kind: 'unresolved-complaint',
        facts: { complaintSubject: 'Refund missing' },
      }),
    );
  });

  it("falls back to the customer's last scored message when a conversation has no sentiment", () => {
    const result = history(
      [
        {
          ...inbound('other', 'email', '2026-11-17T09:00:00Z'),
          sentimentScore: -0.7,
        },
      ],
      {
        conversations: [conversation('current'), conversation('other', { subject: 'Broken' })],
      },
    );
    expect(result.previousNegative).toEqual([expect.objectContaining({ conversationId: 'other', sentiment: -0.7 })]);
  });

  it('gives a first contact no signals', () => {
    expect(history([inbound('current', 'email', '2026-11-19T11:00:00Z')]).signals).toEqual([]);
  });
});
