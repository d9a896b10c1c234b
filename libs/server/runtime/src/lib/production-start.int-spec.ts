import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@throughline/server/config';
import { DEMO_CHAT_CONNECTOR_ID, DEMO_CONNECTOR_ID } from '@throughline/server/seed';
import { TestStack } from '../testing/test-stack';
import { bootstrapApi } from './bootstrap';

describe('production start refuses the demo workspace (real API, PostgreSQL, Redis)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { SEED_DEMO: 'true' } });
  });

  afterAll(() => stack?.close());

  /** A second API on the same database and keys, as an operator would start it in production. */
  const startInProduction = (): Promise<INestApplication> => {
    const { config } = stack;
    return bootstrapApi(
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        REDIS_PREFIX: config.redisPrefix,
        PORT: '0',
        SMTP_INBOUND_PORT: '0',
        SMTP_INBOUND_HOST: '127.0.0.1',
        SECRETS_KEY: config.secretsKey.toString('hex'),
        JWT_SECRET: config.jwtSecret,
        STATE_DIR: config.stateDir,
        LOG_LEVEL: 'error',
      }),
    );
  };

  it('should refuse while demo users are enabled, then while a connector holds a demo secret, and start once both are gone', async () => {
    await expect(startInProduction()).rejects.toThrow(
      /^NODE_ENV: production refuses to start while the demo workspace is present: demo user admin@example\.com, demo user supervisor@example\.com, demo user agent@example\.com, connector /,
    );

    await stack.db.query(`UPDATE users SET disabled = true WHERE email LIKE '%@example.com'`);
    const refused = startInProduction();
    await expect(refused).rejects.toThrow(
      /^NODE_ENV: production refuses to start while the demo workspace is present: connector "Website contact form" \(5eed0000-0000-4000-8000-000000000001\) with the demo secret, connector "Website chat"/,
    );
    await expect(refused).rejects.not.toThrow(/demo user/);

    // Rotating the contact form's secret clears it; deleting the chat connector clears the other.
    const rotated = await stack.request('PATCH', `/api/connectors/${DEMO_CONNECTOR_ID}`, 'admin', {
      secrets: { signingSecret: 'a-fresh-secret-nobody-has-read' },
    });
    expect(rotated.status).toBe(200);
    expect((await stack.request('DELETE', `/api/connectors/${DEMO_CHAT_CONNECTOR_ID}`, 'admin')).status).toBe(204);
    const api = await startInProduction();
    expect((await fetch(`${(await api.getUrl()).replace('[::1]', '127.0.0.1')}/api/health`)).status).toBe(200);
    await api.close();
  });
});
