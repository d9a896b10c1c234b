import { parseSession, tokenExpiry } from './session';

const user = { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' as const };

function jwt(payload: object): string {
  const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.signature`;
}

describe('session', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');

  it('should read a well-formed session', () => {
    const raw = JSON.stringify({ accessToken: 'opaque-token', user });
    expect(parseSession(raw, now)).toEqual({ accessToken: 'opaque-token', user });
  });

  it('should treat missing, malformed or incomplete storage as signed out', () => {
    expect(parseSession(null, now)).toBeNull();
    expect(parseSession('{not json', now)).toBeNull();
    expect(parseSession(JSON.stringify({ accessToken: '', user }), now)).toBeNull();
    expect(parseSession(JSON.stringify({ accessToken: 't', user: { id: 'u1' } }), now)).toBeNull();
  });

  it('should treat a JWT whose exp has passed as signed out', () => {
    const expired = jwt({ sub: 'u1', exp: now / 1000 - 60 });
    const valid = jwt({ sub: 'u1', exp: now / 1000 + 3600 });
    expect(parseSession(JSON.stringify({ accessToken: expired, user }), now)).toBeNull();
    // Kept for the refresh cookie to renew when asked to ignore expiry.
    expect(parseSession(JSON.stringify({ accessToken: expired, user }), null)).toEqual({ accessToken: expired, user });
    expect(parseSession(JSON.stringify({ accessToken: valid, user }), now)?.accessToken).toBe(valid);
  });

  it('should read exp from a base64url JWT payload and ignore anything else', () => {
    expect(tokenExpiry(jwt({ exp: 1234 }))).toBe(1234);
    expect(tokenExpiry(jwt({ sub: 'x' }))).toBeNull();
    expect(tokenExpiry('not-a-jwt')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
  });
});
