/** Node network errors: the other side (PostgreSQL, Redis, a provider) is unreachable for now. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
/** PostgreSQL SQLSTATEs that say "try again": connection (08…), resources (53…), shutdown/start-up (57P0x), serialization, deadlock, lock wait. */
const RETRY_SQLSTATE = /^(08|53|57P0[1-4]$|40001$|40P01$|55P03$)/;
/** What pg, TypeORM and ioredis say when the connection, not the query, failed. */
const CONNECTION_MESSAGE =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|connection is closed|the database system is (starting up|shutting down|in recovery mode)|connect ECONNREFUSED|Connection lost|read ECONNRESET/i;

/**
 * True when the error says a dependency was unavailable rather than that the work itself is bad:
 * such jobs are retried through the whole schedule. Looks through wrappers (TypeORM's
 * `driverError`, `cause`). An error may also say so itself with `retryable: true` (a provider's 5xx).
 */
export function isTransientError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; retryable?: unknown; driverError?: unknown; cause?: unknown };
  if (e.retryable === true) return true;
  if (typeof e.code === 'string' && (NETWORK_CODES.has(e.code) || (/^[0-9A-Z]{5}$/.test(e.code) && RETRY_SQLSTATE.test(e.code)))) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGE.test(e.message)) return true;
  return isTransientError(e.driverError, depth + 1) || isTransientError(e.cause, depth + 1);
}
