import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import { readFixture } from '../../testing/fixtures';
import { CALL_RANK, describeCall, mergeCallMetadata, type CallMetadata } from '../call';
import { normalizeTwilioCallback, parseTwilioForm, twilioRawEventId } from './callback';
import type { TwilioParams } from './signature';

const ctx = { connectorId: 'c1', defaultCountry: 'US', receivedAt: new Date('2026-01-05T12:00:00Z') };

function only(messages: NormalizedMessage[]): NormalizedMessage {
  expect(messages).toHaveLength(1);
  return messages[0];
}

function callOf(message: NormalizedMessage): CallMetadata {
  return message.metadata?.['call'] as CallMetadata;
}

/** An inbound call's status callback as Twilio posts it (fields per Twilio's "Status Callback HTTP Parameters"). */
function inboundStatus(fields: Record<string, string>): TwilioParams {
  return {
    AccountSid: 'AC0000000000000000000000000000000a',
    ApiVersion: '2010-04-01',
    CallSid: 'CA11111111111111111111111111111111',
    From: '+16414549805',
    To: '+15153573516',
    Direction: 'inbound',
    CallbackSource: 'call-progress-events',
    ...fields,
  };
}

describe('normalizeTwilioCallback: the speakez capture (outbound-api call answered by a machine)', () => {
  const expectVoicemailToCallee = (message: NormalizedMessage) => {
    expect(message).toMatchObject({
      channel: 'phone',
      direction: 'outbound',
      externalId: 'CA8523f7d19ec963781a1f00573ddba92d',
      identities: [{ kind: 'phone', value: '+15153573516' }],
      updates: { rank: CALL_RANK.final },
    });
    expect(callOf(message)).toMatchObject({
      callId: 'CA8523f7d19ec963781a1f00573ddba92d',
      provider: 'twilio',
      direction: 'outbound',
      from: '+16414549805',
      to: '+15153573516',
      customerNumber: '+15153573516',
      customerParty: 'phone',
      status: 'completed',
      outcome: 'voicemail',
      answeredBy: 'machine_start',
      durationSeconds: 17,
      endedAt: '2019-06-25T07:14:39.000Z',
      startedAt: '2019-06-25T07:14:22.000Z',
      callbackRequested: false,
    });
    expect(message.occurredAt.toISOString()).toBe('2019-06-25T07:14:22.000Z');
    expect(message.text).toBe('Call to +1 515 357 3516 reached voicemail, 17 s');
  };

  it('should read the form-encoded delivery', () => {
    const params = parseTwilioForm(readFixture('phone/twilio/twilio__speakez__callback_result.derived.form'));
    expect(params['Timestamp']).toBe('Tue, 25 Jun 2019 07:14:39 +0000');
    expectVoicemailToCallee(only(normalizeTwilioCallback(params, ctx)));
  });

  it('should read the same callback captured as a QueryDict (every value a list)', () => {
    const params = JSON.parse(readFixture('phone/twilio/twilio__speakez__callback_result.json').toString('utf8')) as TwilioParams;
    expectVoicemailToCallee(only(normalizeTwilioCallback(params, ctx)));
  });
});

describe('normalizeTwilioCallback: call statuses', () => {
  it('should turn an inbound no-answer or canceled call into a missed call that asks for a callback', () => {
    for (const CallStatus of ['no-answer', 'canceled']) {
      const message = only(normalizeTwilioCallback(inboundStatus({ CallStatus, CallDuration: '0', Timestamp: 'Mon, 05 Jan 2026 11:00:30 +0000' }), ctx));
      expect(message.identities).toEqual([{ kind: 'phone', value: '+16414549805' }]);
      expect(callOf(message)).toMatchObject({ outcome: 'missed', callbackRequested: true, status: CallStatus });
      expect(message.text).toBe('Missed call from +1 641 454 9805');
    }
  });

  it('should map busy and failed, and an outbound no-answer without asking for a callback', () => {
    expect(callOf(only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'busy' }), ctx))).outcome).toBe('busy');
    expect(callOf(only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'failed' }), ctx))).outcome).toBe('failed');
    const outbound = only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'no-answer', Direction: 'outbound-api' }), ctx));
    expect(outbound.identities).toEqual([{ kind: 'phone', value: '+15153573516' }]);
    expect(callOf(outbound)).toMatchObject({ outcome: 'missed', callbackRequested: false });
  });

  it('should rank queued < initiated < ringing < in-progress < completed', () => {
    const ranks = ['queued', 'initiated', 'ringing', 'in-progress', 'completed'].map(
      (CallStatus) => only(normalizeTwilioCallback(inboundStatus({ CallStatus }), ctx)).updates?.rank ?? 0,
    );
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(5);
  });

  it('should record when a call started ringing and when it was answered', () => {
    const ringing = only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'ringing', Timestamp: 'Mon, 05 Jan 2026 11:00:00 +0000' }), ctx));
    expect(callOf(ringing)).toMatchObject({ outcome: 'in-progress', startedAt: '2026-01-05T11:00:00.000Z' });
    expect(ringing.text).toBe('Call from +1 641 454 9805 in progress (ringing)');
    const answered = only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'in-progress', Timestamp: 'Mon, 05 Jan 2026 11:00:08 +0000' }), ctx));
    expect(callOf(answered).answeredAt).toBe('2026-01-05T11:00:08.000Z');
    expect(answered.occurredAt).toEqual(ctx.receivedAt);
  });

  it('should describe an answered call with its length and use CallerName as the author', () => {
    const message = only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'completed', CallDuration: '252', CallerName: 'ANA BELL' }), ctx));
    expect(message.text).toBe('Answered call from +1 641 454 9805, 4 min 12 s');
    expect(message.authorName).toBe('ANA BELL');
  });

  it('should give a SIP client an external identity and say so, and keep withheld callers apart', () => {
    const client = only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'completed', From: 'client:alice' }), ctx));
    expect(client.identities).toEqual([{ kind: 'external', value: 'twilio:client:alice' }]);
    expect(callOf(client).customerParty).toBe('extension');
    const anonymous = only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'no-answer', From: '+266696687' }), ctx));
    expect(anonymous.identities).toEqual([{ kind: 'external', value: 'twilio:withheld:CA11111111111111111111111111111111' }]);
    expect(anonymous.text).toBe('Missed call from a withheld number');
  });

  it('should refuse a callback without CallSid, with an unknown CallStatus or without Direction, naming the field', () => {
    const without = (name: string) => Object.fromEntries(Object.entries(inboundStatus({ CallStatus: 'completed' })).filter(([key]) => key !== name));
    expect(() => normalizeTwilioCallback(without('CallSid'), ctx)).toThrow(/CallSid/);
    expect(() => normalizeTwilioCallback(inboundStatus({ CallStatus: 'exploded' }), ctx)).toThrow(InvalidPayloadError);
    expect(() => normalizeTwilioCallback(inboundStatus({ CallStatus: 'exploded' }), ctx)).toThrow(/CallStatus/);
    expect(() => normalizeTwilioCallback(without('Direction'), ctx)).toThrow(/Direction/);
    expect(() => normalizeTwilioCallback(inboundStatus({}), ctx)).toThrow(/CallStatus/);
  });

  it('should ignore a messaging callback', () => {
    expect(normalizeTwilioCallback({ MessageSid: 'SM1', MessageStatus: 'delivered' }, ctx)).toEqual([]);
  });
});

describe('normalizeTwilioCallback: recordings and transcriptions', () => {
  const recording = (fields: Record<string, string>): TwilioParams => ({
    AccountSid: 'AC0000000000000000000000000000000a',
    CallSid: 'CA11111111111111111111111111111111',
    RecordingSid: 'RE22222222222222222222222222222222',
    RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0000000000000000000000000000000a/Recordings/RE22222222222222222222222222222222',
    RecordingChannels: '1',
    RecordingSource: 'DialVerb',
    RecordingStartTime: 'Mon, 05 Jan 2026 11:00:08 +0000',
    ...fields,
  });

  it('should turn a completed recording into an update carrying the URL and length, keyed on CallSid', () => {
    const message = only(normalizeTwilioCallback(recording({ RecordingStatus: 'completed', RecordingDuration: '35' }), ctx));
    expect(message.externalId).toBe('CA11111111111111111111111111111111');
    expect(message.identities).toEqual([]);
    expect(message.updates?.rank).toBe(CALL_RANK.final);
    expect(message.metadata?.['call']).toEqual({
      callId: 'CA11111111111111111111111111111111',
      provider: 'twilio',
      recordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC0000000000000000000000000000000a/Recordings/RE22222222222222222222222222222222',
      recordingDurationSeconds: 35,
    });
  });

  it('should say why a recording is absent, and ignore one that has only started', () => {
    const absent = only(normalizeTwilioCallback(recording({ RecordingStatus: 'absent', ErrorCode: '16101', RecordingDuration: '0' }), ctx));
    expect(callOf(absent).notes).toBe('No recording: the recording was too short (Twilio error 16101)');
    expect(callOf(absent).recordingUrl).toBeUndefined();
    expect(normalizeTwilioCallback(recording({ RecordingStatus: 'in-progress' }), ctx)).toEqual([]);
  });

  it('should mark a <Record> verb recording as a voicemail, which asks for a callback once merged into the inbound call', () => {
    const completed = only(normalizeTwilioCallback(inboundStatus({ CallStatus: 'completed', CallDuration: '40' }), ctx));
    const voicemail = only(normalizeTwilioCallback(recording({ RecordingStatus: 'completed', RecordingDuration: '31', RecordingSource: 'RecordVerb' }), ctx));
    for (const [first, second] of [
      [completed, voicemail],
      [voicemail, completed],
    ]) {
      const call = mergeCallMetadata(first.metadata, second.metadata)['call'] as CallMetadata;
      expect(call).toMatchObject({ outcome: 'voicemail', callbackRequested: true, recordingDurationSeconds: 31, durationSeconds: 40 });
      expect(describeCall(call)).toBe('Voicemail from +1 641 454 9805, 31 s');
    }
  });

  it('should carry a transcription text, or note that it failed', () => {
    const transcribed = only(
      normalizeTwilioCallback(
        recording({ TranscriptionSid: 'TR3', TranscriptionStatus: 'completed', TranscriptionText: 'Hi, please call me back about order 123.' }),
        ctx,
      ),
    );
    expect(callOf(transcribed).transcript).toBe('Hi, please call me back about order 123.');
    const failed = only(normalizeTwilioCallback(recording({ TranscriptionSid: 'TR3', TranscriptionStatus: 'failed' }), ctx));
    expect(callOf(failed).notes).toBe('Transcription failed');
  });
});

describe('twilioRawEventId', () => {
  it('should give the same id to a redelivery and different ids to the callbacks of one call', () => {
    const ringing = inboundStatus({ CallStatus: 'ringing', SequenceNumber: '1' });
    const completed = inboundStatus({ CallStatus: 'completed', SequenceNumber: '3' });
    const recorded = { CallSid: 'CA11111111111111111111111111111111', RecordingSid: 'RE2', RecordingStatus: 'completed' };
    const transcribed = { CallSid: 'CA11111111111111111111111111111111', TranscriptionSid: 'TR3', TranscriptionStatus: 'completed' };
    expect(twilioRawEventId(ringing)).toBe('CA11111111111111111111111111111111:status:ringing:1');
    expect(twilioRawEventId({ ...ringing })).toBe(twilioRawEventId(ringing));
    const ids = [ringing, completed, recorded, transcribed].map(twilioRawEventId);
    expect(new Set(ids).size).toBe(4);
    expect(twilioRawEventId({ MessageSid: 'SM1', MessageStatus: 'sent' })).toMatch(/^twilio:[0-9a-f]{64}$/);
  });
});
