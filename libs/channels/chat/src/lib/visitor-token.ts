import { createHmac, randomUUID } from 'node:crypto';
import { safeEqual } from './safe-equal';

const VERSION = 'v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A key of its own, derived from the identity secret, so an identity HMAC can never pass as a visitor token. */
function tokenKey(identitySecret: string): Buffer {
  return createHmac('sha256', identitySecret).update('throughline chat visitor token').digest();
}

function mac(visitorId: string, identitySecret: string): string {
  return createHmac('sha256', tokenKey(identitySecret)).update(visitorId).digest('base64url');
}

export interface VisitorSession {
  visitorId: string;
  visitorToken: string;
}

/**
 * A visitor token is `v1.<visitor id>.<MAC>`: the widget keeps it in localStorage and sends it back
 * on every connect, and only the server can mint one, so nobody can continue someone else's chat
 * by guessing an id. Rotating the connector's identity secret starts every visitor afresh.
 */
export function issueVisitorToken(identitySecret: string, visitorId: string = randomUUID()): VisitorSession {
  return { visitorId, visitorToken: `${VERSION}.${visitorId}.${mac(visitorId, identitySecret)}` };
}

/** The visitor id the token was issued for, or null for anything we did not issue under this secret. */
export function verifyVisitorToken(token: string, identitySecret: string): string | null {
  const [version, visitorId, signature, ...rest] = token.split('.');
  if (version !== VERSION || rest.length || !visitorId || !signature || !UUID.test(visitorId) || !identitySecret) return null;
  return safeEqual(mac(visitorId, identitySecret), signature) ? visitorId : null;
}
