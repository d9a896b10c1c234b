import type { UserView } from '@throughline/domain';

/**
 * Where the console notes, in localStorage, who is signed in: the user only, never a token (a
 * script injected into the page could read it from there). The access token lives in memory; a
 * reload gets a new one with the httpOnly refresh cookie. The note lets a reload know to try,
 * and tells other tabs when this one signs out.
 */
export const SESSION_STORAGE_KEY = 'throughline.session';

export interface Session {
  accessToken: string;
  user: UserView;
}

function isUser(value: unknown): value is UserView {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<UserView>;
  return typeof v.id === 'string' && typeof v.email === 'string' && typeof v.name === 'string' && typeof v.role === 'string';
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

/** The user of a stored note (`{ user }`); anything malformed counts as signed out. */
export function parseStoredUser(raw: string | null): UserView | null {
  if (!raw) return null;
  try {
    const user = (JSON.parse(raw) as { user?: unknown } | null)?.user;
    return isUser(user) ? user : null;
  } catch {
    return null;
  }
}

/** Who this browser was signed in as, or null. */
export function readStoredUser(): UserView | null {
  try {
    return parseStoredUser(localStorage.getItem(SESSION_STORAGE_KEY));
  } catch {
    return null;
  }
}

/** Notes the signed-in user (never the token), or removes the note when signed out. */
export function writeStoredUser(user: UserView | null): void {
  try {
    if (user) localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user }));
    else localStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Storage can be full or disabled (private mode); a reload then asks to sign in again.
  }
}
