import { Client } from 'pg';
import { ConfigError } from '@throughline/server/config';
import { createDataSource } from './data-source';

const FIX = 'start PostgreSQL or set DATABASE_URL to a reachable server, e.g. postgres://postgres@localhost:5432/throughline';
// Arbitrary constant: every process that migrates takes this lock, so two starting at once don't race.
const MIGRATION_LOCK = 7_241_003;

function describe(url: URL): string {
  return `${url.hostname}:${url.port || 5432}`;
}

function explain(err: unknown, url: URL): ConfigError {
  const e = err as { code?: string; message?: string };
  const where = describe(url);
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
      return new ConfigError('DATABASE_URL', `cannot reach PostgreSQL at ${where} (${e.code}); ${FIX}`);
    case '28P01':
    case '28000':
      return new ConfigError('DATABASE_URL', `PostgreSQL at ${where} refused the credentials (${e.message}); fix the user/password in DATABASE_URL`);
    default:
      return new ConfigError('DATABASE_URL', `PostgreSQL at ${where} failed: ${e.message ?? String(err)}; ${FIX}`);
  }
}

/** Creates the database named in the URL when it is missing (the server's `postgres` database must exist). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new ConfigError('DATABASE_URL', 'names no database; end it with /throughline');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((err: { code?: string }) => {
        // Created meanwhile by another process: 42P04, or 23505 when both inserted into pg_database at once.
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  } catch (err) {
    throw explain(err, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database if needed and applies pending migrations; returns the names applied. */
export async function prepareDatabase(databaseUrl: string): Promise<string[]> {
  await ensureDatabaseExists(databaseUrl);
  const dataSource = createDataSource(databaseUrl);
  try {
    await dataSource.initialize();
  } catch (err) {
    throw explain(err, new URL(databaseUrl));
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
