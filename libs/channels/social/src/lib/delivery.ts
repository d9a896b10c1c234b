/** A reply or message a platform did not take. */
export class SocialDeliveryError extends Error {
  readonly permanent: boolean;
  readonly status?: number;
  readonly reason: string;
  /** The request may have reached the platform and been carried out (timeout, connection lost mid-way): a post may exist. */
  readonly outcomeUnknown: boolean;

  constructor(reason: string, options: { permanent: boolean; status?: number; outcomeUnknown?: boolean }) {
    super(reason);
    this.name = 'SocialDeliveryError';
    this.reason = reason;
    this.permanent = options.permanent;
    this.status = options.status;
    this.outcomeUnknown = options.outcomeUnknown ?? false;
  }
}

/** Failures that happen before a request is sent: nothing can have been posted. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** True when a failed fetch may have delivered the request: anything but a connection that was never made. */
export function mayHaveReachedServer(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
  return !(typeof code === 'string' && NOT_SENT_CODES.has(code));
}

export interface JsonRequest {
  method: 'GET' | 'POST';
  url: string;
  accessToken: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface JsonResponse {
  body: unknown;
  headers: Headers;
}

export interface RequestOptions {
  /** Platform name for error messages. */
  platform: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** A platform's way of saying a 4xx is worth retrying (Meta's rate limits answer 400). */
  isTransient?: (status: number, body: unknown) => boolean;
}

/**
 * Sends an authenticated JSON request and returns the parsed answer. Failures throw
 * SocialDeliveryError: unreachable, timed out, 5xx, 408 and 429 are temporary; any other 4xx is
 * permanent (the same request would fail the same way).
 */
export async function requestJson(request: JsonRequest, options: RequestOptions): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${request.accessToken}`, ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      // A base URL from connector settings must not bounce the token to wherever a redirect points.
      redirect: 'manual',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: unknown; message?: string } } | null)?.cause;
    // The outbound guard refused the address from connector settings: nothing was sent, and it stays refused.
    if (cause?.code === 'EOUTBOUNDREFUSED') throw new SocialDeliveryError(`${options.platform} refused: ${cause.message}`, { permanent: true });
    throw new SocialDeliveryError(`${options.platform} unreachable: ${(err as Error).message}`, {
      permanent: false,
      outcomeUnknown: mayHaveReachedServer(err),
    });
  }
  if (res.status >= 300 && res.status < 400) {
    throw new SocialDeliveryError(`${options.platform} answered ${res.status} (redirects are not followed)`, { permanent: true, status: res.status });
  }
  const text = await res.text().catch(() => '');
  const body = parseJson(text);
  if (!res.ok) {
    const temporary = res.status >= 500 || res.status === 408 || res.status === 429 || Boolean(options.isTransient?.(res.status, body));
    // A gateway timeout answers for a backend that may still have done the work.
    throw new SocialDeliveryError(`${options.platform} answered ${res.status}: ${errorDetail(body, text)}`, {
      permanent: !temporary,
      status: res.status,
      outcomeUnknown: res.status === 504,
    });
  }
  return { body, headers: res.headers };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The human part of an error body: Meta `error.message`, X `detail`/`title`, Mastodon `error`. */
function errorDetail(body: unknown, text: string): string {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; detail?: unknown; title?: unknown };
    const error = b.error && typeof b.error === 'object' ? (b.error as { message?: unknown }).message : b.error;
    const detail = [error, b.detail, b.title].find((v): v is string => typeof v === 'string' && v.length > 0);
    if (detail) return detail;
  }
  return text.slice(0, 300) || '(empty body)';
}

/** A string id from a success answer, or a permanent error (the post probably exists; retrying would duplicate it). */
export function requireId(value: unknown, platform: string, what: string): string {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number') return String(value);
  throw new SocialDeliveryError(`${platform} accepted the ${what} but answered without its id`, { permanent: true, outcomeUnknown: true });
}
