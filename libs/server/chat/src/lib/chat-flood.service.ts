import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { createFailFastRedis } from '@throughline/server/queue';

/**
 * Limits new chat visitors (a `/chat` handshake without a valid visitor token), per address on
 * each widget and per widget overall, in Redis so every API process counts together. Returns the
 * refusal to show the widget, or null. Redis being down lets visitors through: chat stays up.
 */
@Injectable()
export class ChatFloodGuard implements OnModuleDestroy {
  private readonly logger = new Logger(ChatFloodGuard.name);
  private readonly redis: Redis;
  private readonly perAddress: RateLimiterRedis;
  private readonly perConnector: RateLimiterRedis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = createFailFastRedis(config.redisUrl);
    this.redis.on('error', (err) => this.logger.debug(`redis: ${err.message}`));
    const { windowSeconds, visitorsPerIp, visitorsPerConnector } = config.chatLimits;
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({ storeClient: this.redis, keyPrefix: `${config.redisPrefix}:chat:new-visitors:${name}`, points, duration: windowSeconds });
    this.perAddress = limiter('address', visitorsPerIp);
    this.perConnector = limiter('connector', visitorsPerConnector);
  }

  async newVisitorRefusal(connectorId: string, address: string): Promise<string | null> {
    try {
      await this.perAddress.consume(`${connectorId}:${address}`);
      await this.perConnector.consume(connectorId);
      return null;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) {
        this.logger.warn(`chat visitor limits not checked: ${(err as Error).message}`);
        return null;
      }
      return `too many new chat visitors; try again in ${Math.ceil(err.msBeforeNext / 1000)} s`;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
