import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { Subject } from 'rxjs';
import type { Repository } from 'typeorm';
import type { Role } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { UserEntity } from '@throughline/server/database';
import { createBlockingRedis, createFailFastRedis } from '@throughline/server/queue';
import { type AccessClaims, TokenService } from './token.service';

/** How long one process trusts what it read about a user; a change announced on Redis clears it sooner. */
export const USER_ACCESS_CACHE_MS = 5000;

interface UserAccess {
  role: Role;
  tokenVersion: number;
  disabled: boolean;
  name: string;
}

export interface AuthenticatedSession extends AccessClaims {
  name: string;
}

/**
 * Whether a token still grants access, and to which role: the one mechanism behind logout,
 * disabling and demotion. Every process keeps a few seconds of user state; a change is announced
 * on a Redis channel so every API process drops its copy (and its sockets, see `changes$`) within
 * a second, and the cache's short life bounds staleness even if Redis pub/sub is down.
 */
@Injectable()
export class UserAccessService implements OnModuleDestroy {
  private readonly logger = new Logger(UserAccessService.name);
  private readonly cache = new Map<string, { access: UserAccess | null; until: number }>();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly changed = new Subject<string>();
  /** Ids of users whose access changed (role, disabled, revoked) in any process. */
  readonly changes$ = this.changed.asObservable();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly tokens: TokenService,
  ) {
    this.channel = `${config.redisPrefix}:auth:user-changed`;
    this.publisher = createFailFastRedis(config.redisUrl);
    this.subscriber = createBlockingRedis(config.redisUrl);
    for (const client of [this.publisher, this.subscriber]) client.on('error', (err: Error) => this.logger.debug(`redis: ${err.message}`));
    this.subscriber.subscribe(this.channel).catch((err: Error) => this.logger.warn(`cannot follow user changes: ${err.message}`));
    this.subscriber.on('message', (channel: string, userId: string) => {
      if (channel !== this.channel) return;
      this.cache.delete(userId);
      this.changed.next(userId);
    });
  }

  /** The session a bearer token stands for now, or null when it is invalid, expired, revoked or its user disabled. */
  async authenticate(token: string): Promise<AuthenticatedSession | null> {
    const claims = this.tokens.verify(token);
    if (!claims) return null;
    const access = await this.current(claims.id);
    if (!access || access.disabled || access.tokenVersion !== claims.version) return null;
    return { ...claims, role: access.role, name: access.name };
  }

  /** Tells every process that a user's access changed; call after the change is committed. */
  async announce(userId: string): Promise<void> {
    this.cache.delete(userId);
    await this.publisher
      .publish(this.channel, userId)
      .catch((err: Error) => this.logger.warn(`user change not announced (caches expire in ${USER_ACCESS_CACHE_MS} ms): ${err.message}`));
  }

  private async current(userId: string): Promise<UserAccess | null> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > Date.now()) return cached.access;
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, role: true, tokenVersion: true, disabled: true, name: true } });
    const access = user ? { role: user.role, tokenVersion: user.tokenVersion, disabled: user.disabled, name: user.name } : null;
    this.cache.set(userId, { access, until: Date.now() + USER_ACCESS_CACHE_MS });
    return access;
  }

  onModuleDestroy(): void {
    this.changed.complete();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
