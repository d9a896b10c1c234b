import { InvalidPayloadError } from '@throughline/domain';
import { mergeCallMetadata, type CallMetadata } from './call';
import { normalizeZammadCtiEvent, parseZammadCtiEvent, zammadCtiResponse } from './zammad-cti';

// The JSON examples of zammad/zammad-documentation api/generic-cti/{newcall,answer,hangup}-event.rst.
const newCall = {
  event: 'newCall',
  from: '493023125741',
  to: '492214710334',
  direction: 'in',
  callId: '307fa962-de8d-4ffc-817b-7f6993204159',
  user: ['Christopher Miller', 'Emma Taylor'],
};
const answer = { ...newCall, event: 'answer', user: 'Emma Taylor', answeringNumber: 'emma@chrispresso.com' };
const hangup = { ...answer, event: 'hangup', cause: 'normalClearing' };

const json = (body: object) => parseZammadCtiEvent(Buffer.from(JSON.stringify(body)), 'application/json');
const at = (iso: string) => ({ connectorId: 'c1', defaultCountry: 'DE', receivedAt: new Date(iso) });

describe('parseZammadCtiEvent', () => {
  it('should read the documented JSON events, with user as an array or a string', () => {
    expect(json(newCall)).toMatchObject({ event: 'newCall', direction: 'in', user: ['Christopher Miller', 'Emma Taylor'] });
    expect(json(hangup)).toMatchObject({ user: ['Emma Taylor'], cause: 'normalClearing', answeringNumber: 'emma@chrispresso.com' });
    expect(json({ ...newCall, user: undefined }).user).toEqual([]);
  });

  it('should read url-encoded form data with user[] repeated (the doc’s curl --data example)', () => {
    const body = 'event=newCall&from=493055571600&to=491711234567890&direction=in&callId=123456789&user%5B%5D=Alice&user%5B%5D=Bob&queue=helpdesk';
    expect(parseZammadCtiEvent(Buffer.from(body), 'application/x-www-form-urlencoded; charset=utf-8')).toMatchObject({
      event: 'newCall',
      callId: '123456789',
      user: ['Alice', 'Bob'],
      queue: 'helpdesk',
    });
  });

  it('should read multipart form data (the doc’s curl --form example)', () => {
    const boundary = '------------------------d74496d66958873e';
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body =
      field('event', 'hangup') +
      field('from', '493023125741') +
      field('to', '492214710334') +
      field('direction', 'in') +
      field('callId', '2d77882f-68df-40f0-8c62-b642589c00bc') +
      field('user[]', 'Christopher Miller') +
      field('user[]', 'Emma Taylor') +
      field('answeringNumber', 'emma@chrispresso.com') +
      field('cause', 'normalClearing') +
      `--${boundary}--\r\n`;
    expect(parseZammadCtiEvent(Buffer.from(body), `multipart/form-data; boundary=${boundary}`)).toEqual({
      event: 'hangup',
      from: '493023125741',
      to: '492214710334',
      direction: 'in',
      callId: '2d77882f-68df-40f0-8c62-b642589c00bc',
      user: ['Christopher Miller', 'Emma Taylor'],
      answeringNumber: 'emma@chrispresso.com',
      cause: 'normalClearing',
    });
  });

  it('should name the invalid fields', () => {
    expect(() => json({ ...newCall, event: 'transfer', direction: 'up' })).toThrow(InvalidPayloadError);
    expect(() => json({ ...newCall, event: 'transfer', direction: 'up' })).toThrow(/event.*direction/);
    expect(() => json({ ...newCall, callId: 'x'.repeat(251) })).toThrow(/callId/);
    expect(() => parseZammadCtiEvent(Buffer.from('{"event":'), 'application/json')).toThrow(/not valid JSON/);
  });
});

describe('normalizeZammadCtiEvent', () => {
  const ringing = normalizeZammadCtiEvent(json(newCall), at('2026-02-03T10:00:00Z'));
  const answered = normalizeZammadCtiEvent(json(answer), at('2026-02-03T10:00:07Z'));
  const hungUp = normalizeZammadCtiEvent(json(hangup), at('2026-02-03T10:03:07Z'));

  it('should rank newCall < answer < hangup, all keyed on callId with the caller as identity', () => {
    const ranks = [ringing, answered, hungUp].map((m) => m.updates?.rank ?? 0);
    expect(ranks[0]).toBeLessThan(ranks[1]);
    expect(ranks[1]).toBeLessThan(ranks[2]);
    for (const message of [ringing, answered, hungUp]) {
      expect(message.externalId).toBe('307fa962-de8d-4ffc-817b-7f6993204159');
      expect(message.identities).toEqual([{ kind: 'phone', value: '+493023125741' }]);
    }
    expect(ringing.text).toBe('Call from +49 30 23125741 in progress (newCall)');
  });

  it('should add up to an answered call of 3 minutes taken by Emma', () => {
    const merged = mergeCallMetadata(mergeCallMetadata(ringing.metadata, answered.metadata), hungUp.metadata)['call'] as CallMetadata;
    expect(merged).toMatchObject({
      provider: 'zammad',
      direction: 'inbound',
      status: 'normalClearing',
      outcome: 'answered',
      startedAt: '2026-02-03T10:00:00.000Z',
      answeredAt: '2026-02-03T10:00:07.000Z',
      endedAt: '2026-02-03T10:03:07.000Z',
      durationSeconds: 180,
      agent: 'Emma Taylor',
      callbackRequested: false,
    });
  });

  it('should map the hang-up causes', () => {
    const outcome = (cause: string | undefined, extra: object = {}) =>
      (normalizeZammadCtiEvent(json({ ...newCall, event: 'hangup', cause, ...extra }), at('2026-02-03T10:00:30Z')).metadata?.['call'] as CallMetadata).outcome;
    expect(outcome('cancel')).toBe('missed');
    expect(outcome('noAnswer')).toBe('missed');
    expect(outcome('busy')).toBe('busy');
    expect(outcome('congestion')).toBe('failed');
    expect(outcome('notFound')).toBe('failed');
    expect(outcome('forwarded')).toBe('answered');
    expect(outcome(undefined)).toBe('missed');
    expect(outcome(undefined, { answeringNumber: '42' })).toBe('answered');
  });

  it('should ask for a callback after an inbound call the caller gave up on', () => {
    const missed = normalizeZammadCtiEvent(json({ ...newCall, event: 'hangup', cause: 'cancel' }), at('2026-02-03T10:00:30Z'));
    expect(missed.metadata?.['call']).toMatchObject({ outcome: 'missed', callbackRequested: true });
    expect(missed.text).toBe('Missed call from +49 30 23125741');
  });

  it('should use the callee of an outbound call, and a per-call identity for an anonymous caller', () => {
    const outbound = normalizeZammadCtiEvent(json({ ...newCall, direction: 'out', user: 'Christopher Miller' }), at('2026-02-03T10:00:00Z'));
    expect(outbound.identities).toEqual([{ kind: 'phone', value: '+492214710334' }]);
    const anonymous = normalizeZammadCtiEvent(json({ ...newCall, from: 'anonymous' }), at('2026-02-03T10:00:00Z'));
    expect(anonymous.identities).toEqual([{ kind: 'external', value: 'zammad:withheld:307fa962-de8d-4ffc-817b-7f6993204159' }]);
  });

  it('should read national numbers in the default country', () => {
    const national = normalizeZammadCtiEvent(json({ ...newCall, from: '02214710334' }), at('2026-02-03T10:00:00Z'));
    expect(national.identities).toEqual([{ kind: 'phone', value: '+492214710334' }]);
  });
});

describe('zammadCtiResponse', () => {
  it('should answer {} (no block list, no caller-id rules yet)', () => {
    expect(zammadCtiResponse()).toEqual({});
  });
});
