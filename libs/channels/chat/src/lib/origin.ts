/**
 * The page a visitor's socket comes from, as a normalised origin (`https://shop.example`,
 * default ports dropped). Browsers always send Origin on a WebSocket upgrade; a same-origin
 * long-polling GET may carry only Referer.
 */
export function pageOrigin(headers: { origin?: string | string[]; referer?: string | string[] }): string | null {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return normalizeOrigin(first(headers.origin) ?? '') ?? normalizeOrigin(first(headers.referer) ?? '');
}

/** `null` for anything that is not an http(s) URL (including the literal `null` origin of sandboxed frames). */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a page origin may open the chat. Entries are exact origins (`https://shop.example`,
 * `http://localhost:3000`) or a subdomain wildcard (`https://*.shop.example`, which does not
 * match the bare domain). Scheme and port must match.
 */
export function isOriginAllowed(origin: string | null, allowedOrigins: readonly string[]): boolean {
  if (!origin) return false;
  const page = new URL(origin);
  return allowedOrigins.some((entry) => {
    const wildcard = /^(https?):\/\/\*\.(.+)$/i.exec(entry.trim());
    if (!wildcard) return normalizeOrigin(entry) === origin;
    const base = normalizeOrigin(`${wildcard[1]}://${wildcard[2]}`);
    if (!base) return false;
    const allowed = new URL(base);
    return page.protocol === allowed.protocol && page.port === allowed.port && page.hostname.endsWith(`.${allowed.hostname}`);
  });
}

/** For connector config validation: an origin or a subdomain wildcard, without path, query or credentials. */
export function isOriginPattern(entry: string): boolean {
  const wildcard = /^(https?):\/\/\*\.([^/*]+)$/i.exec(entry.trim());
  const candidate = wildcard ? `${wildcard[1]}://${wildcard[2]}` : entry.trim();
  try {
    const url = new URL(candidate);
    return normalizeOrigin(candidate) !== null && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
  } catch {
    return false;
  }
}
