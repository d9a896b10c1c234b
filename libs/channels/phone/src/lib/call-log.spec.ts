import { InvalidPayloadError } from '@throughline/domain';
import type { CallMetadata } from './call';
import { normalizeCallLog, parseCallLogPayload } from './call-log';

const ctx = { connectorId: 'c1', defaultCountry: 'DE' };
const answered = {
  callId: 'pbx-42',
  direction: 'inbound',
  from: '030 23125741',
  to: '+492214710334',
  startedAt: '2026-03-02T09:00:00+01:00',
  answeredAt: '2026-03-02T09:00:12+01:00',
  endedAt: '2026-03-02T09:04:24+01:00',
  agent: 'Emma Taylor',
  recordingUrl: 'https://pbx.example.com/rec/42.mp3',
  transcript: 'I would like to change my delivery address.',
  notes: 'Address changed',
};

function parse(payload: object) {
  return parseCallLogPayload(Buffer.from(JSON.stringify(payload)));
}

describe('call log', () => {
  it('should turn an answered inbound call into one message for the caller', () => {
    const message = normalizeCallLog(parse(answered), ctx);
    expect(message).toMatchObject({
      channel: 'phone',
      direction: 'inbound',
      externalId: 'pbx-42',
      identities: [{ kind: 'phone', value: '+493023125741' }],
      updates: { rank: 500 },
    });
    expect(message.occurredAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(message.metadata?.['call']).toMatchObject({
      provider: 'calllog',
      outcome: 'answered',
      answeredAt: '2026-03-02T08:00:12.000Z',
      durationSeconds: 252,
      agent: 'Emma Taylor',
      recordingUrl: 'https://pbx.example.com/rec/42.mp3',
      callbackRequested: false,
    });
    expect(message.text).toBe(
      'Answered call from +49 30 23125741, 4 min 12 s\n\nTranscript:\nI would like to change my delivery address.\n\nNotes: Address changed',
    );
  });

  it('should derive missed when there is no answer time, and ask for a callback', () => {
    const call = normalizeCallLog(parse({ ...answered, answeredAt: undefined }), ctx).metadata?.['call'] as CallMetadata;
    expect(call).toMatchObject({ outcome: 'missed', callbackRequested: true, durationSeconds: 264 });
  });

  it('should keep a given outcome and use the callee of an outbound call', () => {
    const message = normalizeCallLog(parse({ ...answered, direction: 'outbound', outcome: 'busy' }), ctx);
    expect(message.identities).toEqual([{ kind: 'phone', value: '+492214710334' }]);
    expect(message.metadata?.['call']).toMatchObject({ outcome: 'busy', callbackRequested: false });
  });

  it('should name every invalid field', () => {
    expect(() => parseCallLogPayload(Buffer.from('{'))).toThrow(/not valid JSON/);
    expect(() => parse({ ...answered, direction: 'sideways', startedAt: 'yesterday' })).toThrow(InvalidPayloadError);
    expect(() => parse({ ...answered, direction: 'sideways', startedAt: 'yesterday' })).toThrow(/direction.*startedAt|startedAt.*direction/);
    expect(() => parse({ ...answered, callId: ' ' })).toThrow(/callId/);
    expect(() => parse({ ...answered, recordingUrl: 'javascript:alert(1)' })).toThrow(/recordingUrl/);
    expect(() => parse({ ...answered, outcome: 'exploded' })).toThrow(/outcome/);
    expect(() => parse({ ...answered, endedAt: '2026-03-02T07:00:00Z' })).toThrow(/endedAt: is before startedAt/);
  });
});
