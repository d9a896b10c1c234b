import { createHmac } from 'node:crypto';
import { safeEqual } from '../safe-equal';

export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

function hmacBase64(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('base64');
}

/**
 * The answer to X's challenge-response check (`GET <webhook>?crc_token=…`, sent at registration
 * and periodically): `{ response_token: 'sha256=' + base64 HMAC-SHA256(consumer secret, token) }`.
 */
export function xCrcResponse(crcToken: string, consumerSecret: string): { response_token: string } {
  return { response_token: `sha256=${hmacBase64(consumerSecret, crcToken)}` };
}

/** Checks `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, raw body)>`. */
export function verifyXSignature(rawBody: Buffer, header: string | undefined, consumerSecret: string): boolean {
  const match = /^sha256=(\S+)$/.exec(header?.trim() ?? '');
  if (!match) return false;
  return safeEqual(Buffer.from(hmacBase64(consumerSecret, rawBody)), Buffer.from(match[1]));
}
