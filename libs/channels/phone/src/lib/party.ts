import { IdentityError, normalizePhone, type Identity } from '@throughline/domain';

/** What the customer's side of a call is. */
export type CustomerParty = 'phone' | 'extension' | 'withheld';

export interface ResolvedParty {
  identity: Identity;
  party: CustomerParty;
  /** E.164, only when the party is a phone number. */
  number?: string;
}

// Caller-id words PBXs and carriers put in place of a suppressed number.
const WITHHELD_WORDS = /^(anonymous|restricted|unknown|unavailable|private|withheld|blocked)?$/i;
// Twilio replaces withheld caller ids with these pseudo-numbers (Anonymous, Restricted, Unknown, Blocked).
const TWILIO_WITHHELD_NUMBERS = new Set(['+266696687', '+7378742833', '+86282452253', '+2562533']);

/**
 * The identity of the customer's side of a call.
 *
 * - A phone number becomes `{ kind: 'phone', value: <E.164> }`.
 * - A withheld caller id must not merge every anonymous caller into one customer, so it gets an
 *   identity of its own call: `external` `<provider>:withheld:<callId>`.
 * - Anything else (a SIP extension like `client1`, `client:alice`, `sip:bob@pbx`) is not a phone
 *   number: `external` `<provider>:<value>`.
 *
 * `digitsAreInternational`: the sender writes international numbers as bare digits and national
 * ones with a leading 0 (Zammad's `493055571600` and `02214710334`), so digits not starting with 0
 * are read with a `+` first.
 */
export function resolveCustomerParty(
  raw: string,
  options: { provider: string; callId: string; defaultCountry?: string; digitsAreInternational?: boolean },
): ResolvedParty {
  const value = raw.trim();
  if (WITHHELD_WORDS.test(value) || (options.provider === 'twilio' && TWILIO_WITHHELD_NUMBERS.has(value))) {
    return { identity: { kind: 'external', value: `${options.provider}:withheld:${options.callId}` }, party: 'withheld' };
  }
  const number = phoneNumberOf(value, options.defaultCountry, options.digitsAreInternational);
  if (number) return { identity: { kind: 'phone', value: number }, party: 'phone', number };
  return { identity: { kind: 'external', value: `${options.provider}:${value}` }, party: 'extension' };
}

function phoneNumberOf(value: string, defaultCountry: string | undefined, digitsAreInternational?: boolean): string | undefined {
  if (!/^(tel:)?[+\d\s().-]+$/i.test(value)) return undefined;
  const national = () => normalizePhone(value, defaultCountry);
  const attempts = digitsAreInternational && /^[1-9]\d+$/.test(value) ? [() => normalizePhone(`+${value}`), national] : [national];
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (err) {
      if (!(err instanceof IdentityError)) throw err;
    }
  }
  return undefined;
}
