import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { createFailFastRedis } from '@throughline/server/queue';

/** Thrown when an IP (or an IP on one account) has failed to sign in too often; answered 429. */
export class LoginThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * Failed sign-ins counted in Redis (shared by every API process): per IP and account, and per IP
 * across accounts (one address trying many emails). Each attempt takes a point before the
 * password is checked, so a burst of concurrent guesses cannot slip past; a success gives the
 * points back. While Redis is down an in-process limiter stands in.
 */
@Injectable()
export class LoginThrottle implements OnModuleDestroy {
  private readonly logger = new Logger(LoginThrottle.name);
  private readonly redis: Redis;
  private readonly perAccount: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = createFailFastRedis(config.redisUrl);
    this.redis.on('error', (err: Error) => this.logger.debug(`redis: ${err.message}`));
    const limiter = (keyPrefix: string, points: number) =>
      new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${config.redisPrefix}:login:${keyPrefix}`,
        points,
        duration: config.loginFailureWindowSeconds,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: config.loginFailureWindowSeconds }),
      });
    this.perAccount = limiter('ip-account', config.loginMaxFailures);
    this.perIp = limiter('ip', config.loginMaxFailuresPerIp);
  }

  /** Takes one attempt for this IP and account; throws LoginThrottledError when either limit is spent. */
  async attempt(ip: string, email: string): Promise<void> {
    const results = await Promise.allSettled([this.perIp.consume(ip), this.perAccount.consume(accountKey(ip, email))]);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (refused.length === 0) return;
    const waits = refused.map((reason) => {
      if (reason instanceof RateLimiterRes) return Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
      throw reason;
    });
    throw new LoginThrottledError(Math.max(...waits));
  }

  /** A correct password: this attempt does not count against the IP, and the account's count starts over. */
  async succeeded(ip: string, email: string): Promise<void> {
    await Promise.all([this.perIp.reward(ip, 1), this.perAccount.delete(accountKey(ip, email))]);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

const accountKey = (ip: string, email: string) => `${ip}|${email.trim().toLowerCase()}`;
