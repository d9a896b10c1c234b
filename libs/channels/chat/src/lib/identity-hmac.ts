import { createHmac } from 'node:crypto';
import { safeEqual } from './safe-equal';

/**
 * What a website's server computes for its signed-in user: hex HMAC-SHA256 of the exact email or
 * user id string under the connector's identity secret (docs/architecture.md, "Contracts").
 */
export function signChatIdentity(value: string, identitySecret: string): string {
  return createHmac('sha256', identitySecret).update(value, 'utf8').digest('hex');
}

/** Timing-safe; an empty secret verifies nothing. Hex case does not matter. */
export function verifyChatIdentity(value: string, hmac: string, identitySecret: string): boolean {
  if (!identitySecret || !/^[0-9a-f]{64}$/i.test(hmac)) return false;
  return safeEqual(signChatIdentity(value, identitySecret), hmac.toLowerCase());
}
