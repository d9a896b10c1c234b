import { createHmac } from 'node:crypto';
import { safeEqual } from '../safe-equal';

export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * The answer to Meta's subscription check (`GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`):
 * the challenge to echo back with 200, or null (answer 403) when the mode or token is wrong.
 */
export function metaVerifyChallenge(query: Record<string, string | string[] | undefined>, verifyToken: string): string | null {
  const first = (name: string) => [query[name] ?? []].flat()[0];
  const challenge = first('hub.challenge');
  const token = first('hub.verify_token');
  if (first('hub.mode') !== 'subscribe' || challenge === undefined || token === undefined) return null;
  return safeEqual(token, verifyToken) ? challenge : null;
}

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`. Meta signs the
 * exact bytes it sent (escaped unicode): verify the raw body, never a re-serialised parse.
 */
export function verifyMetaSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match) return false;
  return safeEqual(createHmac('sha256', appSecret).update(rawBody).digest(), Buffer.from(match[1], 'hex'));
}
