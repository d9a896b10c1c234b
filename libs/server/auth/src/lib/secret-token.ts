import { createHash, randomBytes } from 'node:crypto';

/** A random token for a URL or cookie, and the SHA-256 under which it is stored (the token itself never is). */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
