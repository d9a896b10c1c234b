import { Redis, type RedisOptions } from 'ioredis';
import { ConfigError } from '@throughline/server/config';

/** ioredis options for a redis:// or rediss:// URL (BullMQ wants options, so it can open its own connections). */
export function redisOptionsFromUrl(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/** For BullMQ workers and subscribers: wait forever through Redis outages. */
export function createBlockingRedis(redisUrl: string, options: RedisOptions = {}): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null, ...options });
}

/**
 * For producers on a request path (webhooks): fail at once while Redis is down, so the request
 * answers from what Postgres already holds and the sweeper queues the event later.
 */
export function createFailFastRedis(redisUrl: string): Redis {
  return new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/** Startup check with a one-line explanation instead of an endless reconnect loop. */
export async function assertRedisReachable(redisUrl: string, timeoutMs = 3000): Promise<void> {
  const url = new URL(redisUrl);
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const reason = (err as { code?: string; message?: string }).code ?? (err as Error).message;
    throw new ConfigError(
      'REDIS_URL',
      `cannot reach Redis at ${url.hostname}:${url.port || 6379} (${reason}); start Redis or set REDIS_URL to a reachable server, e.g. redis://localhost:6379`,
    );
  } finally {
    client.disconnect();
  }
}
