import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ConfigError } from '@throughline/server/config';
import { MIGRATIONS, prepareDatabase } from '@throughline/server/database';
import { assertRedisReachable } from '@throughline/server/queue';

describe('start-up checks', () => {
  it('should create a missing database, migrate it, and apply nothing the second time', async () => {
    const name = `throughline_test_startup_${randomBytes(4).toString('hex')}`;
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    try {
      // Every migration, in timestamp order (TypeORM refuses a migration older than an applied one).
      const names = MIGRATIONS.map((m) => m.name);
      expect(names).toEqual([...names].sort((a, b) => Number(a.match(/\d{13}$/)?.[0]) - Number(b.match(/\d{13}$/)?.[0])));
      expect(names.slice(0, 2)).toEqual(['InitialSchema1763900000000', 'EmailChannel1764000000000']);
      expect(await prepareDatabase(url)).toEqual(names);
      expect(await prepareDatabase(url)).toEqual([]);
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      await client.end();
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'attachments',
          'audit_log',
          'connector_cursors',
          'connectors',
          'conversations',
          'customer_identities',
          'customers',
          'messages',
          'queues',
          'raw_events',
          'users',
        ]),
      );
    } finally {
      const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('should explain an unreachable DATABASE_URL in one line naming the variable', async () => {
    const attempt = prepareDatabase('postgres://postgres@127.0.0.1:1/throughline');
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(prepareDatabase('postgres://postgres@127.0.0.1:1/throughline')).rejects.toThrow(
      /^DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\); start PostgreSQL or set DATABASE_URL/,
    );
  });

  it('should explain an unreachable REDIS_URL in one line naming the variable', async () => {
    await expect(assertRedisReachable('redis://127.0.0.1:1', 1000)).rejects.toThrow(
      /^REDIS_URL: cannot reach Redis at 127\.0\.0\.1:1 .*start Redis or set REDIS_URL/,
    );
    await expect(assertRedisReachable('redis://127.0.0.1:6379')).resolves.toBeUndefined();
  });
});
