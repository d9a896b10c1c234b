import { createHmac } from 'node:crypto';
import { verifyXSignature, xCrcResponse } from './signature';

// Secret and token from Twitter DevRel's CRC example gist; response recomputed (wire-formats §3.1).
const consumerSecret = 'z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu';

describe('xCrcResponse', () => {
  it('should answer the documented challenge with the expected token', () => {
    expect(xCrcResponse('9b4507b3-9040-4669-9ca3-6b94edb50553', consumerSecret)).toEqual({
      response_token: 'sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=',
    });
  });
});

describe('verifyXSignature', () => {
  const body = Buffer.from('{"for_user_id":"2244994945","tweet_create_events":[]}');
  // Computed independently: base64 HMAC-SHA256 of the body with the consumer secret.
  const header = `sha256=${createHmac('sha256', consumerSecret).update(body).digest('base64')}`;

  it('should accept the signature of the raw body', () => {
    expect(verifyXSignature(body, header, consumerSecret)).toBe(true);
    expect(verifyXSignature(body, `  ${header} `, consumerSecret)).toBe(true);
  });

  it('should refuse a flipped byte, another secret, a changed body and a missing header', () => {
    const flipped = header.slice(0, 7) + (header[7] === 'A' ? 'B' : 'A') + header.slice(8);
    expect(verifyXSignature(body, flipped, consumerSecret)).toBe(false);
    expect(verifyXSignature(body, header, 'another secret')).toBe(false);
    expect(verifyXSignature(Buffer.from('{"for_user_id":"1"}'), header, consumerSecret)).toBe(false);
    expect(verifyXSignature(body, undefined, consumerSecret)).toBe(false);
    expect(verifyXSignature(body, '', consumerSecret)).toBe(false);
  });

  it('should return false without throwing for a signature of another length or without the prefix', () => {
    expect(verifyXSignature(body, 'sha256=c2hvcnQ=', consumerSecret)).toBe(false);
    expect(verifyXSignature(body, header.slice('sha256='.length), consumerSecret)).toBe(false);
  });
});
