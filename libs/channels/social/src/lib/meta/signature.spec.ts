import { createHmac } from 'node:crypto';
import { metaVerifyChallenge, verifyMetaSignature } from './signature';

describe('metaVerifyChallenge', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'open-sesame', 'hub.challenge': '1158201444' };

  it('should echo the challenge when the mode is subscribe and the token matches', () => {
    expect(metaVerifyChallenge(query, 'open-sesame')).toBe('1158201444');
    expect(metaVerifyChallenge({ ...query, 'hub.challenge': ['1158201444', 'x'] }, 'open-sesame')).toBe('1158201444');
  });

  it('should refuse a wrong token, another mode or missing parameters', () => {
    expect(metaVerifyChallenge(query, 'open-sesame!')).toBeNull();
    expect(metaVerifyChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'open-sesame')).toBeNull();
    expect(metaVerifyChallenge({ ...query, 'hub.verify_token': undefined }, 'open-sesame')).toBeNull();
    expect(metaVerifyChallenge({ ...query, 'hub.challenge': undefined }, 'open-sesame')).toBeNull();
  });
});

describe('verifyMetaSignature', () => {
  const appSecret = 'b3a61f2c9d7e4a1b8c5f0e6d2a9b7c41';
  const body = Buffer.from('{"object":"page","entry":[{"id":"104512345678901","time":1717412345,"changes":[]}]}');
  // Computed independently: lowercase hex HMAC-SHA256 of the body with the app secret.
  const header = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;

  it('should accept the signature of the raw body, in either case', () => {
    expect(verifyMetaSignature(body, header, appSecret)).toBe(true);
    expect(verifyMetaSignature(body, header.toUpperCase().replace('SHA256=', 'sha256='), appSecret)).toBe(true);
  });

  it('should refuse a flipped byte, another secret, the legacy sha1 header and a missing header', () => {
    const flipped = header.slice(0, -1) + (header.endsWith('0') ? '1' : '0');
    expect(verifyMetaSignature(body, flipped, appSecret)).toBe(false);
    expect(verifyMetaSignature(body, header, 'another secret')).toBe(false);
    expect(verifyMetaSignature(body, `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`, appSecret)).toBe(false);
    expect(verifyMetaSignature(body, undefined, appSecret)).toBe(false);
  });

  it('should return false without throwing for a signature of another length', () => {
    expect(verifyMetaSignature(body, 'sha256=abcd', appSecret)).toBe(false);
    expect(verifyMetaSignature(body, `${header}00`, appSecret)).toBe(false);
  });
});
