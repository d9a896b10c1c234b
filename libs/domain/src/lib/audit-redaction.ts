/** Keys whose values never leave the server through the audit log, at any depth. */
const SECRET_KEY = /secret|password|token|hmac|api[_-]?key|private[_-]?key|hash|sealed/i;

export const REDACTED = '[redacted]';

/** A copy of `value` with every secret-looking key's value replaced by `[redacted]`. */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) ? REDACTED : redactSecrets(inner)])) as T;
}
