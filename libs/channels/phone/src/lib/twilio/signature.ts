import { createHash, createHmac } from 'node:crypto';
import { parse as parseQuerystring, stringify as stringifyQuerystring } from 'node:querystring';
import { safeEqual } from '../safe-equal';

export type TwilioParams = Record<string, string | string[]>;

/*
 * Replay: Twilio signs the URL and parameters but no delivery time (status callbacks carry a signed
 * `Timestamp`, recording callbacks do not), so a captured request stays valid. A replay is harmless
 * here: `twilioRawEventId` dedupes it and call ranks never move a call backwards.
 */

/**
 * Checks `X-Twilio-Signature` for a form-encoded webhook, as twilio-node's `validateRequest` does:
 * base64 HMAC-SHA1 (key: auth token) of the full URL followed by every parameter name+value, names
 * sorted, a repeated name's values de-duplicated and sorted. Twilio's backend is inconsistent about
 * the default port and about query-string encoding, so the URL is tried with and without `:443`/`:80`
 * and with the legacy (`querystring`) encoding of its query.
 * `url` must be the public URL Twilio called (rebuild it behind a proxy), query string included.
 */
export function verifyTwilioSignature(input: { authToken: string; url: string; params: TwilioParams; signature: string | undefined }): boolean {
  const { signature } = input;
  if (!signature) return false;
  const urls = urlVariants(input.url);
  const payload = signedParams(input.params);
  return urls.some((url) =>
    safeEqual(
      signature,
      createHmac('sha1', input.authToken)
        .update(url + payload, 'utf8')
        .digest('base64'),
    ),
  );
}

/**
 * Checks a JSON webhook: Twilio adds `bodySHA256=<hex SHA-256 of the body>` to the URL and signs
 * the URL alone. Both the signature and the body hash must match.
 */
export function verifyTwilioJsonSignature(input: { authToken: string; url: string; rawBody: Buffer | string; signature: string | undefined }): boolean {
  let bodyHash: string | null;
  try {
    bodyHash = new URL(input.url).searchParams.get('bodySHA256');
  } catch {
    return false;
  }
  if (!bodyHash) return false;
  const actualHash = createHash('sha256').update(input.rawBody).digest('hex');
  const signatureValid = verifyTwilioSignature({ authToken: input.authToken, url: input.url, params: {}, signature: input.signature });
  return safeEqual(actualHash, bodyHash.toLowerCase()) && signatureValid;
}

function signedParams(params: TwilioParams): string {
  return Object.keys(params)
    .sort()
    .map((name) => {
      const value = params[name];
      if (!Array.isArray(value)) return name + value;
      return [...new Set(value)]
        .sort()
        .map((v) => name + v)
        .join('');
    })
    .join('');
}

function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const withoutPort = new URL(parsed);
  withoutPort.port = '';
  const variants = [withoutPort.toString(), withDefaultPort(parsed)];
  return [...new Set([...variants, ...variants.map(withLegacyQuerystring)])];
}

/** The URL with its scheme's default port written out (WHATWG URL drops it when serialising). */
function withDefaultPort(url: URL): string {
  if (url.port) return url.toString();
  const port = url.protocol === 'https:' ? '443' : '80';
  const credentials = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
  return `${url.protocol}//${credentials}${url.host}:${port}${url.pathname}${url.search}${url.hash}`;
}

/** The query re-encoded the way Node's legacy `querystring` (and older Twilio backends) encode it. */
function withLegacyQuerystring(url: string): string {
  const parsed = new URL(url);
  if (!parsed.search) return url;
  const query = stringifyQuerystring(parseQuerystring(parsed.search.slice(1)));
  parsed.search = '';
  return `${parsed.toString()}?${query}`;
}
