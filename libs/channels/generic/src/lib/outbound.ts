import { guardedRequest, OPEN_OUTBOUND, OutboundRefusedError, type GuardedResponse, type OutboundPolicy } from '@throughline/channels/outbound';
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

/**
 * POSTs a signed reply to the callback URL under the outbound policy; throws DeliveryError on
 * failure. A redirect is a failure (never followed), and errors carry the status only, not the body.
 */
export async function postGenericReply(
  callbackUrl: string,
  payload: GenericOutboundPayload,
  secret: string,
  policy: OutboundPolicy = OPEN_OUTBOUND,
  timeoutMs = 10_000,
): Promise<void> {
  const body = JSON.stringify(payload);
  let res: GuardedResponse;
  try {
    res = await guardedRequest(
      callbackUrl,
      { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body, secret) }, body, timeoutMs },
      policy,
    );
  } catch (err) {
    if (err instanceof OutboundRefusedError) throw new DeliveryError(`callback refused: ${err.message}`, false);
    throw new DeliveryError(`callback ${callbackUrl} unreachable: ${(err as Error).message}`, true);
  }
  if (res.status >= 300 && res.status < 400) throw new DeliveryError(`callback answered ${res.status} (redirects are not followed)`, false);
  if (res.status < 200 || res.status >= 300) {
    // 408/429 and 5xx are the receiver's transient trouble; other 4xx will fail the same way again.
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    throw new DeliveryError(`callback answered ${res.status}`, retryable);
  }
}
