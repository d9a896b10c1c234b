import type { APIRequestContext, APIResponse } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { BASE_URL, DEMO_GENERIC_CONNECTOR_ID, DEMO_SIGNING_SECRET } from './e2e.constants';

export interface GenericWebhookPayload {
  externalId: string;
  occurredAt: string;
  from: { email?: string; phone?: string; handle?: string; name?: string };
  text: string;
  subject?: string;
}

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as the generic connector expects. */
export function signBody(body: Buffer, secret = DEMO_SIGNING_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs a signed event to a generic connector (the demo one by default), sending exactly the bytes it signed. */
export function postGenericWebhook(
  request: APIRequestContext,
  payload: GenericWebhookPayload,
  connector: { id: string; secret: string } = { id: DEMO_GENERIC_CONNECTOR_ID, secret: DEMO_SIGNING_SECRET },
): Promise<APIResponse> {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  return request.post(`${BASE_URL}/api/hooks/${connector.id}/generic`, {
    data: body,
    headers: {
      'Content-Type': 'application/json',
      'X-Throughline-Signature': signBody(body, connector.secret),
    },
  });
}
