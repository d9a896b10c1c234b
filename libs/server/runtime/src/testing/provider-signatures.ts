import { createHmac } from 'node:crypto';

/**
 * X-Twilio-Signature as twilio-node computes it: base64 HMAC-SHA1 under the auth token of the
 * full URL followed by each parameter's name and value, names sorted.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((name) => name + params[name])
      .join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** `x-twitter-webhooks-signature`: base64 HMAC-SHA256 of the body under the consumer secret. */
export const xSignature = (body: string, consumerSecret: string) => `sha256=${createHmac('sha256', consumerSecret).update(body).digest('base64')}`;

/** `X-Hub-Signature-256`: hex HMAC-SHA256 of the body under the app secret. */
export const metaSignature = (body: string, appSecret: string) => `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
