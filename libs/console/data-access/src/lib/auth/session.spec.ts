import { parseStoredUser, readStoredUser, SESSION_STORAGE_KEY, tokenExpiry, writeStoredUser } from './session';

const user = { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' as const };

function jwt(payload: object): string {
  const b64 = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.signature`;
}

describe('session', () => {
  it('should read the signed-in user of a stored note', () => {
    expect(parseStoredUser(JSON.stringify({ user }))).toEqual(user);
    // A session stored by an older console (token included) still says who was signed in.
    expect(parseStoredUser(JSON.stringify({ accessToken: 'old-token', user }))).toEqual(user);
  });

  it('should treat missing, malformed or incomplete storage as signed out', () => {
    expect(parseStoredUser(null)).toBeNull();
    expect(parseStoredUser('{not json')).toBeNull();
    expect(parseStoredUser('null')).toBeNull();
    expect(parseStoredUser(JSON.stringify({ user: { id: 'u1' } }))).toBeNull();
  });

  it('should note the user only, never a token, and remove the note on sign-out', () => {
    writeStoredUser(user);
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toEqual({ user });
    expect(readStoredUser()).toEqual(user);
    writeStoredUser(null);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('should read exp from a base64url JWT payload and ignore anything else', () => {
    expect(tokenExpiry(jwt({ exp: 1234 }))).toBe(1234);
    expect(tokenExpiry(jwt({ sub: 'x' }))).toBeNull();
    expect(tokenExpiry('not-a-jwt')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
  });
});
