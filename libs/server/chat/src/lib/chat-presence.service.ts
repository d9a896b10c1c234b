import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CHAT_LIMITS } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { createFailFastRedis } from '@throughline/server/queue';

/** A connected socket counts as online this long after its last heartbeat (Socket.IO pings every 25 s). */
const SOCKET_TTL_MS = 60_000;
const KEEP_LAST_SEEN_SECONDS = 30 * 24 * 3600;

/**
 * Where chat visitors are, across every API process and for the worker: a sorted set of the
 * visitor's sockets scored by when each stops counting (so a crashed process's sockets expire by
 * themselves), plus the last time any of them was seen. Also the per-visitor message rate limit.
 */
@Injectable()
export class ChatPresence implements OnModuleDestroy {
  private readonly logger = new Logger(ChatPresence.name);
  private readonly redis: Redis;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.redis = createFailFastRedis(config.redisUrl);
    this.redis.on('error', (err) => this.logger.debug(`redis: ${err.message}`));
  }

  private key(kind: 'sockets' | 'seen' | 'rate' | 'read', visitorId: string): string {
    return `${this.config.redisPrefix}:chat:${kind}:${visitorId}`;
  }

  /** On connect and on every heartbeat of one of the visitor's sockets. */
  async seen(visitorId: string, socketId: string): Promise<void> {
    const now = Date.now();
    await this.redis
      .multi()
      .zadd(this.key('sockets', visitorId), now + SOCKET_TTL_MS, socketId)
      .pexpire(this.key('sockets', visitorId), SOCKET_TTL_MS)
      .set(this.key('seen', visitorId), String(now), 'EX', KEEP_LAST_SEEN_SECONDS)
      .exec()
      .catch((err: Error) => this.logger.warn(`chat presence not recorded: ${err.message}`));
  }

  async left(visitorId: string, socketId: string): Promise<void> {
    await this.redis
      .multi()
      .zrem(this.key('sockets', visitorId), socketId)
      .set(this.key('seen', visitorId), String(Date.now()), 'EX', KEEP_LAST_SEEN_SECONDS)
      .exec()
      .catch((err: Error) => this.logger.warn(`chat presence not recorded: ${err.message}`));
  }

  /**
   * 0 while one of the visitor's sockets is connected; otherwise how long ago the visitor was last
   * seen (Infinity when never, or so long ago that we forgot). Throws while Redis is unreachable.
   */
  async offlineForMs(visitorId: string): Promise<number> {
    const now = Date.now();
    const results = await this.redis
      .multi()
      .zremrangebyscore(this.key('sockets', visitorId), '-inf', now)
      .zcard(this.key('sockets', visitorId))
      .get(this.key('seen', visitorId))
      .exec();
    const live = Number(results?.[1]?.[1] ?? 0);
    const seen = results?.[2]?.[1] as string | null | undefined;
    if (live > 0) return 0;
    return seen ? Math.max(0, now - Number(seen)) : Number.POSITIVE_INFINITY;
  }

  /** The agent message the visitor has read up to (the widget's `read`), kept for the offline email's re-check. */
  async markRead(visitorId: string, messageId: string): Promise<void> {
    await this.redis
      .set(this.key('read', visitorId), messageId, 'EX', KEEP_LAST_SEEN_SECONDS)
      .catch((err: Error) => this.logger.warn(`chat read state not recorded: ${err.message}`));
  }

  /** Null when the visitor has read nothing we know of. Throws while Redis is unreachable. */
  readUpTo(visitorId: string): Promise<string | null> {
    return this.redis.get(this.key('read', visitorId));
  }

  /** A fixed one-minute window per visitor, shared by all API processes. Redis being down lets messages through. */
  async allowMessage(visitorId: string): Promise<boolean> {
    const key = `${this.key('rate', visitorId)}:${Math.floor(Date.now() / 60_000)}`;
    try {
      const results = await this.redis.multi().incr(key).expire(key, 70).exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      return count <= CHAT_LIMITS.messagesPerMinute;
    } catch (err) {
      this.logger.warn(`chat rate limit not checked: ${(err as Error).message}`);
      return true;
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
