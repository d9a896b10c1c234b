import type { UserView } from '@throughline/domain';

/** Where the signed-in session lives in localStorage. */
export const SESSION_STORAGE_KEY = 'throughline.session';

export interface Session {
  accessToken: string;
  user: UserView;
}

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<Session>;
  return (
    typeof v.accessToken === 'string' &&
    v.accessToken.length > 0 &&
    !!v.user &&
    typeof v.user.id === 'string' &&
    typeof v.user.email === 'string' &&
    typeof v.user.name === 'string' &&
    typeof v.user.role === 'string'
  );
}

/**
 * Seconds-since-epoch `exp` claim of a JWT, or null when the token carries none or is not a JWT.
 * The console never trusts the token's content for anything else; the API checks the signature.
 */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/**
 * Parses a stored session; anything malformed counts as signed out, and so does an expired access
 * token unless `now` is null (the refresh cookie may still renew it).
 */
export function parseSession(raw: string | null, now: number | null = Date.now()): Session | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isSession(value)) return null;
  const exp = tokenExpiry(value.accessToken);
  if (now !== null && exp !== null && exp * 1000 <= now) return null;
  return { accessToken: value.accessToken, user: value.user };
}

/** The stored session; with `includeExpired`, also one whose access token has expired. */
export function readStoredSession(includeExpired = false): Session | null {
  try {
    return parseSession(localStorage.getItem(SESSION_STORAGE_KEY), includeExpired ? null : Date.now());
  } catch {
    return null;
  }
}

export function writeStoredSession(session: Session | null): void {
  try {
    if (session) localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Storage can be full or disabled (private mode); the session then lasts for this tab only.
  }
}
