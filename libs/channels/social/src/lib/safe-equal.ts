import { timingSafeEqual } from 'node:crypto';

/** Constant-time comparison that returns false (instead of throwing) when the lengths differ. */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = typeof a === 'string' ? Buffer.from(a) : a;
  const right = typeof b === 'string' ? Buffer.from(b) : b;
  return left.length === right.length && timingSafeEqual(left, right);
}
