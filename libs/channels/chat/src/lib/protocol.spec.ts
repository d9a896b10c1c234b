import { CHAT_LIMITS } from '@throughline/domain';
import { ChatProtocolError, parseChatHandshake, parseChatMessage, parseChatRead, parseChatSurvey } from './protocol';

describe('chat handshake', () => {
  it('accepts a key alone, and treats empty form fields as absent', () => {
    expect(parseChatHandshake({ connectorKey: 'tlw_abc', name: '', email: '  ' })).toEqual({ connectorKey: 'tlw_abc' });
  });

  it('normalises the pre-chat email and keeps an identity claim', () => {
    const hmac = 'a'.repeat(64);
    expect(parseChatHandshake({ connectorKey: 'k', name: ' Ana ', email: 'Ana@Example.COM', identity: { userId: 'u1', hmac } })).toEqual({
      connectorKey: 'k',
      name: 'Ana',
      email: 'ana@example.com',
      identity: { userId: 'u1', hmac },
    });
  });

  it.each([
    [undefined, /auth\.connectorKey/],
    [{ connectorKey: '' }, /auth\.connectorKey: is required/],
    [{ connectorKey: 'k', email: 'not-an-email' }, /auth\.email: .*not an email address/],
    [{ connectorKey: 'k', identity: { email: 'a@b.co' } }, /auth\.identity/],
    [{ connectorKey: 'k', identity: { email: 'a@b.co', hmac: 'xyz' } }, /auth\.identity/],
    [{ connectorKey: 'k', identity: { email: 'a@b.co', userId: 'u', hmac: 'a'.repeat(64) } }, /auth\.identity/],
  ])('refuses %j with a message naming the field', (auth, message) => {
    expect(() => parseChatHandshake(auth)).toThrow(ChatProtocolError);
    expect(() => parseChatHandshake(auth)).toThrow(message);
  });
});

describe('chat message events', () => {
  it('trims the text and keeps the client id', () => {
    expect(parseChatMessage({ text: '  hello ', clientId: 'c-1' })).toEqual({ text: 'hello', clientId: 'c-1' });
  });

  it('refuses empty, oversize and id-less messages', () => {
    expect(() => parseChatMessage({ text: '   ', clientId: 'c' })).toThrow('message.text: is empty');
    expect(() => parseChatMessage({ text: 'x'.repeat(CHAT_LIMITS.maxTextLength + 1), clientId: 'c' })).toThrow(/longer than 4000/);
    expect(() => parseChatMessage({ text: 'hi' })).toThrow('message.clientId: is required');
    expect(() => parseChatMessage({ text: 'hi', clientId: 'a b' })).toThrow(/message\.clientId/);
    expect(() => parseChatMessage('hi')).toThrow(ChatProtocolError);
  });

  it('reads `read` events and ignores anything else', () => {
    expect(parseChatRead({ upTo: 'm1' })).toEqual({ upTo: 'm1' });
    expect(parseChatRead({})).toBeNull();
    expect(parseChatRead(null)).toBeNull();
  });
});

describe('chat survey rating', () => {
  const messageId = '0b7c6f4e-8f1a-4c1e-9a51-3f1f0d6c2a10';

  it('takes a whole rating from 1 to 5 for a message id', () => {
    expect(parseChatSurvey({ messageId, csat: 4 })).toEqual({ messageId, csat: 4 });
  });

  it('names the field that is wrong', () => {
    expect(() => parseChatSurvey({ messageId, csat: 6 })).toThrow('survey.csat: must be 1 to 5');
    expect(() => parseChatSurvey({ messageId, csat: 2.5 })).toThrow('survey.csat: must be a whole number');
    expect(() => parseChatSurvey({ messageId: 'nope', csat: 3 })).toThrow('survey.messageId');
    expect(() => parseChatSurvey(null)).toThrow(ChatProtocolError);
  });
});
