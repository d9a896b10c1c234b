import type { BusinessSchedule } from './business-time';
import {
  clockPauses,
  conversationsMetByAnswer,
  type CustomerWait,
  evaluateSla,
  inheritedWaitingSince,
  matchSlaPolicy,
  type SlaClockInput,
  slaTargets,
} from './sla';

const at = (iso: string) => new Date(iso);

describe('matchSlaPolicy', () => {
  const policies = [
    { id: 'b', position: 2, match: { channel: 'email' as const } },
    { id: 'catch-all', position: 9, match: {} },
    { id: 'a', position: 1, match: { queueId: 'q1', priority: 'urgent' as const } },
  ];

  it('takes the first policy by position whose every criterion holds', () => {
    expect(matchSlaPolicy(policies, { queueId: 'q1', priority: 'urgent', channel: 'email' })?.id).toBe('a');
    expect(matchSlaPolicy(policies, { queueId: 'q1', priority: 'normal', channel: 'email' })?.id).toBe('b');
    expect(matchSlaPolicy(policies, { queueId: null, priority: 'normal', channel: 'chat' })?.id).toBe('catch-all');
  });

  it('matches nothing without a fitting policy', () => {
    expect(matchSlaPolicy(policies.slice(0, 1), { queueId: null, priority: 'normal', channel: 'chat' })).toBeNull();
  });
});

describe('clockPauses', () => {
  it('pauses from pending or snoozed until the conversation opens or resolves again', () => {
    expect(
      clockPauses([
        { at: at('2026-03-06T12:00:00Z'), to: 'open' },
        { at: at('2026-03-06T10:00:00Z'), to: 'pending' },
        { at: at('2026-03-06T11:00:00Z'), to: 'snoozed' },
        { at: at('2026-03-06T13:00:00Z'), to: 'snoozed' },
      ]),
    ).toEqual([
      { start: at('2026-03-06T10:00:00Z'), end: at('2026-03-06T12:00:00Z') },
      { start: at('2026-03-06T13:00:00Z'), end: null },
    ]);
  });
});

describe('slaTargets and evaluateSla', () => {
  const base: SlaClockInput = {
    policy: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 480 },
    schedule: null,
    pauses: [],
    waitingSince: at('2026-03-06T10:00:00Z'),
    openedAt: at('2026-03-06T10:00:00Z'),
    firstResponseMet: false,
    awaitingReplySince: null,
    resolved: false,
    atRiskShare: 0.25,
  };

  it('runs first response and resolution, warning when a quarter of the target is left', () => {
    expect(slaTargets(base)).toEqual([
      { kind: 'first_response', dueAt: at('2026-03-06T11:00:00Z'), warnAt: at('2026-03-06T10:45:00Z') },
      { kind: 'resolution', dueAt: at('2026-03-06T18:00:00Z'), warnAt: at('2026-03-06T16:00:00Z') },
    ]);
  });

  it('counts business hours', () => {
    const schedule: BusinessSchedule = { timezone: 'UTC', weekly: { fri: [['09:00', '10:30']], mon: [['09:00', '17:00']] }, holidays: [] };
    expect(slaTargets({ ...base, schedule })[0]?.dueAt).toEqual(at('2026-03-09T09:30:00Z'));
  });

  it('runs next response once answered and the customer wrote again; nothing once resolved', () => {
    const answered = { ...base, firstResponseMet: true, awaitingReplySince: at('2026-03-06T12:00:00Z') };
    expect(slaTargets(answered).map((t) => [t.kind, t.dueAt])).toEqual([
      ['next_response', at('2026-03-06T12:30:00Z')],
      ['resolution', at('2026-03-06T18:00:00Z')],
    ]);
    expect(slaTargets({ ...answered, awaitingReplySince: null }).map((t) => t.kind)).toEqual(['resolution']);
    expect(slaTargets({ ...base, resolved: true })).toEqual([]);
  });

  it('has no due time while paused, and moves it by the pause once resumed', () => {
    expect(slaTargets({ ...base, pauses: [{ start: at('2026-03-06T10:10:00Z'), end: null }] })[0]?.dueAt).toBeNull();
    expect(slaTargets({ ...base, pauses: [{ start: at('2026-03-06T10:10:00Z'), end: at('2026-03-06T10:40:00Z') }] })[0]?.dueAt).toEqual(
      at('2026-03-06T11:30:00Z'),
    );
  });

  it('is ok, then at risk, then breached, recording each breach once', () => {
    const targets = slaTargets(base);
    expect(evaluateSla(targets, at('2026-03-06T10:30:00Z'), [])).toEqual({ status: 'ok', newBreaches: [], checkAt: at('2026-03-06T10:45:00Z') });
    expect(evaluateSla(targets, at('2026-03-06T10:50:00Z'), [])).toEqual({ status: 'at_risk', newBreaches: [], checkAt: at('2026-03-06T11:00:00Z') });
    const breached = evaluateSla(targets, at('2026-03-06T11:01:00Z'), []);
    expect(breached).toEqual({
      status: 'breached',
      newBreaches: [{ kind: 'first_response', dueAt: '2026-03-06T11:00:00.000Z', at: '2026-03-06T11:01:00.000Z' }],
      checkAt: at('2026-03-06T16:00:00Z'),
    });
    expect(evaluateSla(targets, at('2026-03-06T11:05:00Z'), breached.newBreaches).newBreaches).toEqual([]);
  });

  it('never checks a paused target', () => {
    expect(evaluateSla([{ kind: 'first_response', dueAt: null, warnAt: null }], at('2026-03-06T11:05:00Z'), [])).toEqual({
      status: 'ok',
      newBreaches: [],
      checkAt: null,
    });
  });
});

describe('the clock follows the customer', () => {
  const email: CustomerWait = { id: 'email', status: 'open', waitingSince: at('2026-03-06T09:00:00Z'), firstResponseMet: false };

  it('starts a new conversation at the earlier unanswered contact', () => {
    expect(inheritedWaitingSince(at('2026-03-06T10:00:00Z'), [email])).toEqual({ waitingSince: at('2026-03-06T09:00:00Z'), from: 'email' });
  });

  it('does not inherit from an answered, resolved or SLA-less conversation, nor a later one', () => {
    const own = at('2026-03-06T10:00:00Z');
    for (const other of [
      { ...email, firstResponseMet: true },
      { ...email, status: 'resolved' as const },
      { ...email, waitingSince: null },
      { ...email, waitingSince: at('2026-03-06T11:00:00Z') },
    ]) {
      expect(inheritedWaitingSince(own, [other])).toEqual({ waitingSince: own, from: null });
    }
  });

  it('meets the first response of every other waiting conversation of the customer', () => {
    const others: CustomerWait[] = [
      email,
      { id: 'tweet', status: 'pending', waitingSince: at('2026-03-06T10:00:00Z'), firstResponseMet: false },
      { id: 'old', status: 'resolved', waitingSince: at('2026-03-01T10:00:00Z'), firstResponseMet: false },
      { id: 'answered', status: 'open', waitingSince: at('2026-03-06T08:00:00Z'), firstResponseMet: true },
    ];
    expect(conversationsMetByAnswer('tweet', others)).toEqual(['email']);
    expect(conversationsMetByAnswer('email', others)).toEqual(['tweet']);
  });
});
