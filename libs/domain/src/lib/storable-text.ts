/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL a sender put anywhere (a chat message, a
 * webhook field, a mail header) would fail the whole insert. It carries no meaning in support text:
 * every string in the value loses it; everything else is kept as it is.
 */
export function withoutNulCharacters<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.split('\u0000').join('') : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNulCharacters(item)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutNulCharacters(key), withoutNulCharacters(item)])) as T;
  }
  return value;
}
