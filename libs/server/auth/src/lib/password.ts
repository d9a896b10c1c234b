import { compare, hash } from 'bcryptjs';

/** bcrypt at cost 12: about a quarter second per guess on this class of machine. */
export const PASSWORD_COST = 12;

export function hashPassword(password: string, cost = PASSWORD_COST): Promise<string> {
  return hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return compare(password, hash);
}
