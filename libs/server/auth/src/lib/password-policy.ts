import { COMMON_PASSWORDS_TEXT } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

let common: Set<string> | null = null;

/** Why a new password is refused (to follow the field's name, e.g. "password must be …"), or null when it is acceptable. */
export function passwordProblem(password: string, owner: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  if (common.has(lower)) return 'is one of the most common passwords; choose another';
  if (new Set(lower).size < 4) return 'uses too few different characters; choose another';
  const ownWords = [owner.email?.toLowerCase(), owner.email?.split('@')[0]?.toLowerCase(), owner.name?.toLowerCase().replace(/\s+/g, '')];
  if (ownWords.some((word) => word && word.length >= 4 && lower.replace(/\s+/g, '') === word)) return 'must not be your name or email address';
  return null;
}
