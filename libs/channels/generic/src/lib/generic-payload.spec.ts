import { GenericPayloadError, normalizeGenericPayload, parseGenericPayload } from './generic-payload';

const valid = {
  externalId: 'evt-1',
  occurredAt: '2026-11-20T10:00:00Z',
  from: { email: 'Ana@Example.com', phone: '+44 20 7946 0958', handle: '@AnaB', name: ' Ana B ' },
  text: 'My order #123 arrived broken',
  threadKey: 'order-123',
  subject: 'Broken order',
};

describe('generic payload', () => {
  it('should normalise a valid payload into one inbound message with normalised identities', () => {
    const message = normalizeGenericPayload(parseGenericPayload(JSON.stringify(valid)), { connectorId: 'c1' });
    expect(message).toMatchObject({
      channel: 'generic',
      direction: 'inbound',
      externalId: 'evt-1',
      authorName: 'Ana B',
      text: 'My order #123 arrived broken',
      threadKey: 'order-123',
      subject: 'Broken order',
    });
    expect(message.occurredAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(message.identities).toEqual([
      { kind: 'email', value: 'ana@example.com' },
      { kind: 'phone', value: '+442079460958' },
      { kind: 'external', value: 'c1:anab' },
    ]);
  });

  it('should say the body is not JSON', () => {
    expect(() => parseGenericPayload('{"externalId": ')).toThrow(/not valid JSON/);
  });

  it('should name every missing field', () => {
    const { externalId: _e, text: _t, ...rest } = valid;
    expect(() => parseGenericPayload(JSON.stringify(rest))).toThrow(/externalId.*text|text.*externalId/);
  });

  it('should require at least one way to identify the sender', () => {
    expect(() => parseGenericPayload(JSON.stringify({ ...valid, from: { name: 'Nobody' } }))).toThrow(/from: needs at least one/);
  });

  it('should refuse an occurredAt that is not an ISO date-time', () => {
    expect(() => parseGenericPayload(JSON.stringify({ ...valid, occurredAt: 'yesterday' }))).toThrow(/occurredAt/);
  });

  it('should refuse an unusable phone number naming the field', () => {
    const payload = parseGenericPayload(JSON.stringify({ ...valid, from: { phone: '12' } }));
    expect(() => normalizeGenericPayload(payload, { connectorId: 'c1' })).toThrow(GenericPayloadError);
    expect(() => normalizeGenericPayload(payload, { connectorId: 'c1' })).toThrow(/from\.phone/);
  });
});
