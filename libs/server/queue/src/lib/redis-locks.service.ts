import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { createFailFastRedis } from './redis';

/** Deletes or extends the lock only while we still own it (compare-and-act in one step). */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

export interface HeldLock {
  /** False once the lock expired and someone else may hold it: stop working. */
  extend(ttlMs: number): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Short leases in Redis for work only one process may do at a time across the deployment (one
 * IMAP session per mailbox). A lease expires by itself when its holder dies.
 */
@Injectable()
export class RedisLocks implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = createFailFastRedis(config.redisUrl);
    this.redis.on('error', () => undefined);
  }

  async acquire(name: string, ttlMs: number): Promise<HeldLock | null> {
    const key = `${this.config.redisPrefix}:lock:${name}`;
    const token = randomBytes(12).toString('hex');
    if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
    return {
      extend: async (ms) => (await this.redis.eval(EXTEND, 1, key, token, String(ms))) === 1,
      release: async () => {
        await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      },
    };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
