import { createHmac } from 'node:crypto';
import { signChatIdentity, verifyChatIdentity } from './identity-hmac';

describe('chat identity HMAC', () => {
  const secret = 'identity-secret';

  it('is the hex HMAC-SHA256 of the exact value, as the README tells sites to compute it', () => {
    expect(signChatIdentity('ana@example.com', secret)).toBe(createHmac('sha256', secret).update('ana@example.com').digest('hex'));
  });

  it('verifies a correct HMAC in either hex case', () => {
    const hmac = signChatIdentity('user-42', secret);
    expect(verifyChatIdentity('user-42', hmac, secret)).toBe(true);
    expect(verifyChatIdentity('user-42', hmac.toUpperCase(), secret)).toBe(true);
  });

  it('refuses another value, another secret, a truncated or malformed HMAC, and an empty secret', () => {
    const hmac = signChatIdentity('ana@example.com', secret);
    expect(verifyChatIdentity('eve@example.com', hmac, secret)).toBe(false);
    expect(verifyChatIdentity('ana@example.com', hmac, 'other-secret')).toBe(false);
    expect(verifyChatIdentity('ana@example.com', hmac.slice(0, 63), secret)).toBe(false);
    expect(verifyChatIdentity('ana@example.com', `${hmac.slice(0, 63)}g`, secret)).toBe(false);
    expect(verifyChatIdentity('ana@example.com', signChatIdentity('ana@example.com', ''), '')).toBe(false);
  });
});
