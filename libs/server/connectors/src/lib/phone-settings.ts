import { z } from 'zod';
import { DEFAULT_CALL_THREAD_WINDOW_HOURS } from '@throughline/channels/phone';

/** How long after a conversation's last message a call from the same customer joins it instead of opening a new one. */
const callThreadWindowHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 90)
  .default(DEFAULT_CALL_THREAD_WINDOW_HOURS);

/** Twilio Voice: callbacks are verified with the account's auth token (secret `authToken`). */
export const twilioProviderConfigSchema = z
  .object({
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio Account SID (AC followed by 32 hex digits)'),
    callThreadWindowHours,
  })
  .strict();

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Any PBX or CTI system (call log JSON, Zammad CTI events) and Asterisk CDR imports. */
export const callLogProviderConfigSchema = z
  .object({
    /** The zone of the PBX clock, for CDR files (Asterisk writes local times without a zone). */
    cdrTimeZone: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
    /** Dialplan contexts of calls our agents place (FreePBX: from-internal): those CDR rows are outbound. */
    outboundContexts: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
    callThreadWindowHours,
  })
  .strict();
