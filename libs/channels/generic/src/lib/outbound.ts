import { signBody, SIGNATURE_HEADER } from './signature';

/** What a generic connector's callback URL receives for an agent reply. */
export interface GenericOutboundPayload {
  messageId: string;
  conversationId: string;
  threadKey: string | null;
  to: { email?: string; phone?: string; handle?: string };
  text: string;
  authorName: string | null;
  sentAt: string;
}

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** False when retrying cannot help (e.g. the receiver rejects the payload with a 4xx). */
    readonly retryable: boolean,
    /** The receiver may have acted on the request (timeout after sending): sending again could post twice. */
    readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** POSTs a signed reply to the callback URL; throws DeliveryError on failure. */
export async function postGenericReply(callbackUrl: string, payload: GenericOutboundPayload, secret: string, timeoutMs = 10_000): Promise<void> {
  const body = JSON.stringify(payload);
  let res: Response;
  try {
    res = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, secret) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new DeliveryError(`callback ${callbackUrl} unreachable: ${(err as Error).message}`, true);
  }
  if (!res.ok) {
    const detail = (await res.text().catch(() => '')).slice(0, 200);
    // 408/429 and 5xx are the receiver's transient trouble; other 4xx will fail the same way again.
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    throw new DeliveryError(`callback answered ${res.status}${detail ? `: ${detail}` : ''}`, retryable);
  }
}
