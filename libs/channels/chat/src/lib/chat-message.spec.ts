import { InvalidPayloadError } from '@throughline/domain';
import { type ChatRawMessage, chatMessageId, normalizeChatMessage } from './chat-message';

const connectorId = '9c0e8f6a-1111-4222-8333-444455556666';
const visitorId = '0f0e0d0c-0b0a-4909-8807-060504030201';

function raw(overrides: Partial<ChatRawMessage> = {}): Buffer {
  const event: ChatRawMessage = {
    type: 'message',
    id: chatMessageId(visitorId, 'c1'),
    visitorId,
    clientId: 'c1',
    text: 'Is the blue kettle back in stock?',
    sentAt: '2026-11-23T12:00:00.000Z',
    ...overrides,
  };
  return Buffer.from(JSON.stringify(event));
}

describe('normalizeChatMessage', () => {
  it('makes an anonymous visitor message: the visitor is the identity, the session the thread', () => {
    const message = normalizeChatMessage(raw({ name: 'Ana', origin: 'https://shop.example' }), { connectorId });
    expect(message).toMatchObject({
      channel: 'chat',
      direction: 'inbound',
      externalId: chatMessageId(visitorId, 'c1'),
      identities: [{ kind: 'chat', value: visitorId, verified: true }],
      authorName: 'Ana',
      text: 'Is the blue kettle back in stock?',
      threadKey: `visitor:${visitorId}`,
      metadata: { chat: { visitorId, clientId: 'c1', origin: 'https://shop.example' } },
    });
    expect(message.occurredAt.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(message.claimedIdentities).toBeUndefined();
  });

  it('puts a signed email and user id first, as trusted identities', () => {
    const message = normalizeChatMessage(raw({ verified: { email: 'Ana@Example.com', userId: 'u-42' } }), { connectorId });
    expect(message.identities).toEqual([
      { kind: 'email', value: 'ana@example.com', verified: true },
      { kind: 'external', value: `${connectorId}:u-42`, verified: true },
      { kind: 'chat', value: visitorId, verified: true },
    ]);
  });

  it('only claims an unsigned pre-chat email: never an identity, a possible match at most', () => {
    const message = normalizeChatMessage(raw({ claimedEmail: 'ana@example.com' }), { connectorId });
    expect(message.identities).toEqual([{ kind: 'chat', value: visitorId, verified: true }]);
    expect(message.claimedIdentities).toEqual([{ kind: 'email', value: 'ana@example.com' }]);
    expect(message.metadata).toMatchObject({ chat: { claimedEmail: 'ana@example.com' } });
  });

  it('does not claim what the site already signed', () => {
    const message = normalizeChatMessage(raw({ claimedEmail: 'ana@example.com', verified: { email: 'ana@example.com' } }), { connectorId });
    expect(message.claimedIdentities).toBeUndefined();
  });

  it('gives a resent client id the same message id', () => {
    expect(chatMessageId(visitorId, 'c1')).toBe(chatMessageId(visitorId, 'c1'));
    expect(chatMessageId(visitorId, 'c2')).not.toBe(chatMessageId(visitorId, 'c1'));
  });

  it('refuses payloads that are not a stored chat message, naming the field', () => {
    expect(() => normalizeChatMessage('{', { connectorId })).toThrow(InvalidPayloadError);
    expect(() => normalizeChatMessage(raw({ visitorId: 'nope' }), { connectorId })).toThrow(/visitorId/);
    expect(() => normalizeChatMessage(raw({ sentAt: 'yesterday' }), { connectorId })).toThrow(/sentAt/);
  });
});
