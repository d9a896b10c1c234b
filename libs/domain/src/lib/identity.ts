import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

export const IDENTITY_KINDS = ['email', 'phone', 'x', 'mastodon', 'facebook', 'instagram', 'chat', 'external'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface Identity {
  kind: IdentityKind;
  value: string;
}

export class IdentityError extends Error {
  constructor(
    readonly kind: string,
    readonly input: string,
    reason: string,
  ) {
    super(`${kind} identity "${input}" ${reason}`);
    this.name = 'IdentityError';
  }
}

// Deliberately permissive: real-world addresses are messier than RFC 5322's grammar suggests,
// but they always have exactly one @ with something on both sides and no spaces.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails compare case-insensitively in practice (no provider treats the local part as case-sensitive). */
export function normalizeEmail(input: string): string {
  const value = input
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (!EMAIL_SHAPE.test(value)) throw new IdentityError('email', input, 'is not an email address');
  return value;
}

/**
 * Phones are stored in E.164. Numbers written without a country code are read in
 * `defaultCountry` (the workspace's country); without one they must start with + or 00.
 */
export function normalizePhone(input: string, defaultCountry?: string): string {
  const trimmed = input.trim().replace(/^tel:/i, '').replace(/^00/, '+');
  try {
    const parsed = parsePhoneNumberWithError(trimmed, defaultCountry as never);
    if (!parsed.isPossible()) throw new IdentityError('phone', input, 'is not a possible phone number');
    return parsed.number;
  } catch (err) {
    if (err instanceof IdentityError) throw err;
    throw new IdentityError('phone', input, `is not a phone number (${(err as Error).message})`);
  }
}

/** Social handles are case-insensitive and commonly written with a leading @. */
export function normalizeHandle(input: string): string {
  const value = input.trim().replace(/^@/, '').toLowerCase();
  if (!value || /\s/.test(value)) throw new IdentityError('handle', input, 'is not a handle');
  return value;
}

export function normalizeIdentity(kind: IdentityKind, value: string, defaultCountry?: string): Identity {
  switch (kind) {
    case 'email':
      return { kind, value: normalizeEmail(value) };
    case 'phone':
      return { kind, value: normalizePhone(value, defaultCountry) };
    default: {
      const trimmed = value.trim();
      if (!trimmed) throw new IdentityError(kind, value, 'is empty');
      return { kind, value: trimmed };
    }
  }
}

export function identityKey(identity: Identity): string {
  return `${identity.kind}:${identity.value}`;
}
