import { InitialSchema1763900000000 } from './1763900000000-initial-schema';

/** In order; new migrations are appended, committed ones are never edited. */
export const MIGRATIONS = [InitialSchema1763900000000];
