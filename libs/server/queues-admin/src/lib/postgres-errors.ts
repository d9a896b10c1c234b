import { BadRequestException, ConflictException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

/** The PostgreSQL error code and constraint of a failed query, when it is one. */
export function postgresError(err: unknown): { code: string; constraint: string } | null {
  if (!(err instanceof QueryFailedError)) return null;
  const driverError = err.driverError as { code?: string; constraint?: string };
  return { code: driverError.code ?? '', constraint: driverError.constraint ?? '' };
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** Turns what the database refused into a 400/409 naming the field. */
export function refusedWrite(err: unknown, what: string): never {
  const pg = postgresError(err);
  if (pg?.code === UNIQUE_VIOLATION) throw new ConflictException(`name: a ${what} with this name exists`);
  if (pg?.code === FOREIGN_KEY_VIOLATION && pg.constraint.includes('user_id')) throw new BadRequestException('memberIds: a user in the list does not exist');
  if (pg?.code === FOREIGN_KEY_VIOLATION && pg.constraint.includes('team_id')) throw new BadRequestException('teamIds: a team in the list does not exist');
  throw err;
}
