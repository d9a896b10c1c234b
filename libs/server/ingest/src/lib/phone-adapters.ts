import { createHash } from 'node:crypto';
import { InvalidPayloadError, type NormalizedMessage } from '@throughline/domain';
import {
  type CallContext,
  type CallMetadataPatch,
  describeCall,
  mergeCallMetadata,
  normalizeCallLog,
  normalizeTwilioCallback,
  normalizeZammadCtiEvent,
  parseAsteriskCdrCsv,
  parseCallLogPayload,
  parseTwilioForm,
  parseZammadCtiEvent,
  twilioRawEventId,
} from '@throughline/channels/phone';
import type { MergeUpdate } from '@throughline/server/timeline';
import type { AdapterContext, ChannelAdapter } from './channel-adapters';

/** The line a missed or voicemail inbound call writes into its conversation. */
export const CALLBACK_REQUESTED = 'Missed call: the customer is waiting for a call back';

/** Rows of an Asterisk CDR import are stored one per raw event, as CSV text. */
export const CDR_CONTENT_TYPE = 'text/csv';

const callOf = (metadata: Record<string, unknown> | undefined) => metadata?.['call'] as CallMetadataPatch | undefined;

/** A call that asks for a call back opens (or reopens) its conversation with a line saying so. */
function withCallbackRequest(message: NormalizedMessage): NormalizedMessage {
  return callOf(message.metadata)?.callbackRequested ? { ...message, attention: CALLBACK_REQUESTED } : message;
}

/** Statuses, recordings and transcripts of one call fold into one entry; the final status completes it. */
const mergeCallUpdate: MergeUpdate = (stored, incoming) => {
  const metadata = mergeCallMetadata(stored.metadata, incoming.metadata);
  const call = callOf(metadata) ?? { callId: incoming.externalId, provider: 'calllog' };
  const newlyMissed = Boolean(call.callbackRequested) && !callOf(stored.metadata)?.callbackRequested;
  return { text: describeCall(call), metadata, attention: newlyMissed ? CALLBACK_REQUESTED : undefined };
};

function callContext(ctx: AdapterContext): CallContext {
  const window = ctx.connector.config['callThreadWindowHours'];
  return {
    connectorId: ctx.connector.id,
    defaultCountry: ctx.defaultCountry,
    receivedAt: ctx.receivedAt,
    threadWindowHours: typeof window === 'number' ? window : undefined,
  };
}

/** A Twilio callback for another account is refused even when signed: its calls are not ours. */
function twilioParams(payload: Buffer, ctx: AdapterContext) {
  const params = parseTwilioForm(payload);
  const accountSid = [params['AccountSid'] ?? []].flat()[0];
  if (accountSid !== undefined && accountSid !== ctx.connector.config['accountSid']) {
    throw new InvalidPayloadError(`AccountSid: ${accountSid} is not this connector's account (${String(ctx.connector.config['accountSid'])})`);
  }
  return params;
}

export const twilioAdapter: ChannelAdapter = {
  normalize: (payload, ctx) => normalizeTwilioCallback(twilioParams(payload, ctx), callContext(ctx)).map(withCallbackRequest),
  rawEventId: (payload, ctx) => twilioRawEventId(twilioParams(payload, ctx)),
  mergeUpdate: mergeCallUpdate,
};

type CallLogBody = { kind: 'cdr'; csv: string } | { kind: 'zammad'; event: ReturnType<typeof parseZammadCtiEvent> } | { kind: 'calllog'; raw: Buffer };

/** What a `calls` body is: a CDR row from an import, a Zammad CTI event (form data or JSON with `event`), or a call log. */
function readCallLogBody(payload: Buffer, contentType: string): CallLogBody {
  const type = contentType.toLowerCase();
  if (type.startsWith(CDR_CONTENT_TYPE)) return { kind: 'cdr', csv: payload.toString('utf8') };
  const isForm = type.includes('form-urlencoded') || type.includes('multipart/form-data');
  if (isForm || hasEventField(payload)) return { kind: 'zammad', event: parseZammadCtiEvent(payload, contentType) };
  return { kind: 'calllog', raw: payload };
}

function hasEventField(payload: Buffer): boolean {
  try {
    const json: unknown = JSON.parse(payload.toString('utf8'));
    return Boolean(json && typeof json === 'object' && 'event' in json);
  } catch {
    return false;
  }
}

function normalizeCallLogBody(payload: Buffer, ctx: AdapterContext): NormalizedMessage[] {
  const body = readCallLogBody(payload, ctx.contentType ?? 'application/json');
  switch (body.kind) {
    case 'cdr': {
      const outboundContexts = ctx.connector.config['outboundContexts'] as string[] | undefined;
      const timeZone = ctx.connector.config['cdrTimeZone'] as string | undefined;
      const { calls, errors } = parseAsteriskCdrCsv(body.csv, { ...callContext(ctx), timeZone, outboundContexts });
      if (errors.length) throw new InvalidPayloadError(errors.map((e) => `line ${e.line}: ${e.reason}`).join('; '));
      return calls;
    }
    case 'zammad':
      return [normalizeZammadCtiEvent(body.event, callContext(ctx))];
    case 'calllog':
      return [normalizeCallLog(parseCallLogPayload(body.raw), callContext(ctx))];
  }
}

/**
 * Generic call logs, Zammad CTI events and CDR rows. Raw event ids keep a redelivery out while
 * letting each step of a call in: Zammad by call and event, a call log by call and content.
 */
export const callLogAdapter: ChannelAdapter = {
  normalize: (payload, ctx) => normalizeCallLogBody(payload, ctx).map(withCallbackRequest),
  rawEventId: (payload, ctx) => {
    const body = readCallLogBody(payload, ctx.contentType ?? 'application/json');
    if (body.kind === 'zammad') return `zammad:${body.event.callId}:${body.event.event}`;
    const [call] = normalizeCallLogBody(payload, ctx);
    const digest = createHash('sha256').update(payload).digest('hex').slice(0, 16);
    return body.kind === 'cdr' ? `cdr:${call?.externalId ?? digest}` : `calllog:${call?.externalId}:${digest}`;
  },
  mergeUpdate: mergeCallUpdate,
};
