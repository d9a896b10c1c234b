import { signBody, verifySignature } from './signature';

describe('webhook signature', () => {
  const body = Buffer.from('{"externalId":"1"}');

  it('should match an HMAC-SHA256 computed independently', () => {
    // echo -n '{"externalId":"1"}' | openssl dgst -sha256 -hmac s3cret
    expect(signBody(body, 's3cret')).toBe('sha256=85e2348222c1a7db836340393476f6e502263ea76f7ba3e4edfa642f87f5d5ce');
    expect(verifySignature(body, signBody(body, 's3cret'), 's3cret')).toBe(true);
  });

  it('should refuse a missing, malformed, wrong-key or tampered signature', () => {
    expect(verifySignature(body, undefined, 's3cret')).toBe(false);
    expect(verifySignature(body, 'sha256=zz', 's3cret')).toBe(false);
    expect(verifySignature(body, signBody(body, 'other'), 's3cret')).toBe(false);
    expect(verifySignature(Buffer.from('{"externalId":"2"}'), signBody(body, 's3cret'), 's3cret')).toBe(false);
  });
});
