import { buildCallMessage, CALL_RANK, describeCall, formatDuration, mergeCallMetadata, type CallFacts, type CallMetadata } from './call';

const ctx = { connectorId: 'c1', defaultCountry: 'US' };
const call = { callId: 'CA1', provider: 'twilio', direction: 'inbound', from: '+16414549805', to: '+15153573516' } as const;

function metadataOf(facts: Omit<CallFacts, 'callId' | 'provider'>, rank: number): Record<string, unknown> {
  return buildCallMessage({ ...call, ...facts }, rank, ctx).metadata ?? {};
}

const ringing = metadataOf(
  { status: 'ringing', outcome: 'in-progress', progress: CALL_RANK.ringing, startedAt: '2026-01-05T11:00:00.000Z' },
  CALL_RANK.ringing,
);
const completed = metadataOf(
  {
    status: 'completed',
    outcome: 'answered',
    progress: CALL_RANK.final,
    startedAt: '2026-01-05T11:00:03.000Z',
    endedAt: '2026-01-05T11:04:15.000Z',
    durationSeconds: 252,
  },
  CALL_RANK.final,
);
const recording = buildCallMessage(
  { callId: 'CA1', provider: 'twilio', recordingUrl: 'https://rec.example/RE1', recordingDurationSeconds: 250 },
  CALL_RANK.final,
  ctx,
).metadata;

describe('mergeCallMetadata', () => {
  it('should never let a late ringing overwrite completed', () => {
    const merged = mergeCallMetadata(completed, ringing)['call'] as CallMetadata;
    expect(merged).toMatchObject({ status: 'completed', outcome: 'answered', durationSeconds: 252, progress: CALL_RANK.final });
    // ...but the earlier ringing did see the call start first.
    expect(merged.startedAt).toBe('2026-01-05T11:00:00.000Z');
  });

  it('should add a recording without losing the duration, in either order', () => {
    for (const merged of [mergeCallMetadata(completed, recording), mergeCallMetadata(recording, completed)]) {
      expect(merged['call']).toMatchObject({
        status: 'completed',
        outcome: 'answered',
        durationSeconds: 252,
        recordingUrl: 'https://rec.example/RE1',
        recordingDurationSeconds: 250,
        customerNumber: '+16414549805',
        callbackRequested: false,
      });
    }
  });

  it('should move a call forward and keep what the earlier delivery knew', () => {
    const merged = mergeCallMetadata(ringing, completed)['call'] as CallMetadata;
    expect(merged).toMatchObject({ status: 'completed', startedAt: '2026-01-05T11:00:00.000Z', endedAt: '2026-01-05T11:04:15.000Z' });
  });

  it('should derive the talk time from answer and hang-up times when no delivery gave a duration', () => {
    const answered = metadataOf(
      { status: 'answer', outcome: 'in-progress', progress: CALL_RANK.inProgress, answeredAt: '2026-01-05T11:00:10.000Z' },
      CALL_RANK.inProgress,
    );
    const hangup = metadataOf(
      { status: 'normalClearing', outcome: 'answered', progress: CALL_RANK.final, endedAt: '2026-01-05T11:02:40.000Z' },
      CALL_RANK.final,
    );
    const merged = mergeCallMetadata(answered, hangup)['call'] as CallMetadata;
    expect(merged.durationSeconds).toBe(150);
    expect(describeCall(merged)).toBe('Answered call from +1 641 454 9805, 2 min 30 s');
  });

  it('should keep other metadata keys and take a call from whichever side has one', () => {
    expect(mergeCallMetadata({ source: 'import' }, completed)).toMatchObject({ source: 'import', call: completed['call'] });
    expect(mergeCallMetadata(undefined, undefined)).toEqual({});
  });
});

describe('describeCall', () => {
  it('should append the transcript and notes to the summary', () => {
    const text = describeCall({ ...(completed['call'] as CallMetadata), transcript: 'Where is my parcel?', notes: 'Promised a refund' });
    expect(text).toBe('Answered call from +1 641 454 9805, 4 min 12 s\n\nTranscript:\nWhere is my parcel?\n\nNotes: Promised a refund');
  });

  it('should describe an update that only carries a recording', () => {
    expect(describeCall(recording?.['call'] as CallMetadata)).toBe('Call recording, 4 min 10 s');
  });
});

describe('formatDuration', () => {
  it('should write seconds, minutes and hours the way people say them', () => {
    expect(formatDuration(17)).toBe('17 s');
    expect(formatDuration(252)).toBe('4 min 12 s');
    expect(formatDuration(120)).toBe('2 min');
    expect(formatDuration(3725)).toBe('1 h 2 min');
  });
});

describe('buildCallMessage threading', () => {
  it("should ask to join the caller's open conversation within the connector's window, 72 hours by default", () => {
    expect(buildCallMessage({ ...call, status: 'ringing' }, CALL_RANK.ringing, ctx).threading).toEqual({ openConversationWithinHours: 72 });
    expect(buildCallMessage({ ...call, status: 'ringing' }, CALL_RANK.ringing, { ...ctx, threadWindowHours: 4 }).threading).toEqual({
      openConversationWithinHours: 4,
    });
  });
});
