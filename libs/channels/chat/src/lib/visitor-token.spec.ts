import { issueVisitorToken, verifyVisitorToken } from './visitor-token';
import { signChatIdentity } from './identity-hmac';

describe('visitor tokens', () => {
  const secret = 'identity-secret';

  it('round-trips the visitor id it was issued for', () => {
    const { visitorId, visitorToken } = issueVisitorToken(secret);
    expect(visitorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyVisitorToken(visitorToken, secret)).toBe(visitorId);
  });

  it('gives different visitors different ids', () => {
    expect(issueVisitorToken(secret).visitorId).not.toBe(issueVisitorToken(secret).visitorId);
  });

  it('refuses a token with another visitor id, another secret, or a bad shape', () => {
    const { visitorToken } = issueVisitorToken(secret, '0f0e0d0c-0b0a-4909-8807-060504030201');
    const [version, , signature] = visitorToken.split('.');
    expect(verifyVisitorToken(`${version}.11111111-2222-4333-8444-555555555555.${signature}`, secret)).toBeNull();
    expect(verifyVisitorToken(visitorToken, 'rotated-secret')).toBeNull();
    expect(verifyVisitorToken(`${visitorToken}.extra`, secret)).toBeNull();
    expect(verifyVisitorToken('v2.x.y', secret)).toBeNull();
    expect(verifyVisitorToken('', secret)).toBeNull();
  });

  it('cannot be forged from an identity HMAC of the visitor id', () => {
    const visitorId = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const forged = `v1.${visitorId}.${Buffer.from(signChatIdentity(visitorId, secret), 'hex').toString('base64url')}`;
    expect(verifyVisitorToken(forged, secret)).toBeNull();
  });
});
