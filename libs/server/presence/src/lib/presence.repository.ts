import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { AgentPresenceView, AgentStatus, ChosenAgentStatus } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { createFailFastRedis } from '@throughline/server/queue';

/** What Redis knows of one agent, read in one round trip for many agents. */
export interface StoredPresence {
  openSockets: number;
  chosen: ChosenAgentStatus;
  lastSeenAt: number | null;
  published: { status: AgentStatus; since: string } | null;
}

/** Sets the published status only when it differs, so exactly one process announces a change. */
const SWAP_PUBLISHED = `
local current = redis.call('hget', KEYS[1], ARGV[1])
if current and cjson.decode(current).status == ARGV[2] then return 0 end
redis.call('hset', KEYS[1], ARGV[1], ARGV[3])
return 1`;

/**
 * The owner of agent presence in Redis (shared by every API process and read by the worker):
 * - `sockets:<user>`: a sorted set of the agent's open console sockets, scored by the time each
 *   is known alive until (its API process renews it; a crashed process's sockets lapse);
 * - `seen:<user>`: when the agent's last socket closed;
 * - `chosen`: what each agent chose (online or away);
 * - `published`: the status last announced for each agent, and since when.
 */
@Injectable()
export class PresenceRepository implements OnModuleDestroy {
  private readonly logger = new Logger(PresenceRepository.name);
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = createFailFastRedis(config.redisUrl);
    this.redis.on('error', (err: Error) => this.logger.debug(`redis: ${err.message}`));
    this.prefix = `${config.redisPrefix}:presence`;
  }

  async socketOpened(userId: string, socketId: string, aliveUntil: number): Promise<void> {
    await this.redis.zadd(this.socketsKey(userId), aliveUntil, socketId);
  }

  /** Renews the sockets this process holds; a socket closed meanwhile is not brought back (XX). */
  async renewSockets(sockets: ReadonlyArray<{ userId: string; socketId: string }>, aliveUntil: number): Promise<void> {
    if (sockets.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { userId, socketId } of sockets) pipeline.zadd(this.socketsKey(userId), 'XX', aliveUntil, socketId);
    await pipeline.exec();
  }

  async socketClosed(userId: string, socketId: string, at: number): Promise<void> {
    await this.redis.multi().zrem(this.socketsKey(userId), socketId).set(this.seenKey(userId), String(at)).exec();
  }

  async choose(userId: string, status: ChosenAgentStatus): Promise<void> {
    await this.redis.hset(`${this.prefix}:chosen`, userId, status);
  }

  async read(userIds: readonly string[], now: number): Promise<Map<string, StoredPresence>> {
    const result = new Map<string, StoredPresence>();
    if (userIds.length === 0) return result;
    const pipeline = this.redis.pipeline();
    for (const userId of userIds) {
      // Lapsed sockets (their process died) count as last seen when they lapsed, then go.
      pipeline.zrevrangebyscore(this.socketsKey(userId), now, '-inf', 'WITHSCORES', 'LIMIT', 0, 1);
      pipeline.zremrangebyscore(this.socketsKey(userId), '-inf', now);
      pipeline.zcard(this.socketsKey(userId));
      pipeline.get(this.seenKey(userId));
    }
    pipeline.hmget(`${this.prefix}:chosen`, ...userIds);
    pipeline.hmget(`${this.prefix}:published`, ...userIds);
    const replies = (await pipeline.exec()) ?? [];
    const value = (i: number): unknown => {
      const [err, reply] = replies[i] ?? [null, null];
      if (err) throw err;
      return reply;
    };
    const chosen = value(userIds.length * 4) as Array<string | null>;
    const published = value(userIds.length * 4 + 1) as Array<string | null>;
    userIds.forEach((userId, i) => {
      const lapsed = value(i * 4) as string[];
      const seen = value(i * 4 + 3) as string | null;
      const lastSeen = Math.max(lapsed.length ? Number(lapsed[1]) : -Infinity, seen ? Number(seen) : -Infinity);
      result.set(userId, {
        openSockets: value(i * 4 + 2) as number,
        chosen: chosen[i] === 'away' ? 'away' : 'online',
        lastSeenAt: Number.isFinite(lastSeen) ? lastSeen : null,
        published: published[i] ? (JSON.parse(published[i] as string) as StoredPresence['published']) : null,
      });
    });
    return result;
  }

  /** True when this call changed the published status (the caller announces it). */
  async publish(view: AgentPresenceView): Promise<boolean> {
    const stored = JSON.stringify({ status: view.status, since: view.since });
    return (await this.redis.eval(SWAP_PUBLISHED, 1, `${this.prefix}:published`, view.userId, view.status, stored)) === 1;
  }

  /** Agents whose last announced status is not offline: the ones a sweep must look at. */
  async announcedPresent(): Promise<string[]> {
    const all = await this.redis.hgetall(`${this.prefix}:published`);
    return Object.entries(all)
      .filter(([, stored]) => (JSON.parse(stored) as { status: AgentStatus }).status !== 'offline')
      .map(([userId]) => userId);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  private socketsKey(userId: string): string {
    return `${this.prefix}:sockets:${userId}`;
  }

  private seenKey(userId: string): string {
    return `${this.prefix}:seen:${userId}`;
  }
}
