import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { AGENTS_NAMESPACE, CHAT_NAMESPACE, type ChatServerEvents, type RealtimeEventName, type RealtimeEvents, rooms } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { changesChannel, socketIoKey } from './queue-names';
import { createFailFastRedis } from './redis';

/** "Something changed" is said at most this often per process; a change inside the window is said at its end. */
const CHANGE_SIGNAL_MS = 100;
/** Events that change nothing the wallboard counts (and the wallboard itself, a consequence of changes). */
const NOT_A_CHANGE = new Set<RealtimeEventName>(['supervisor.overview', 'presence', 'chat.typing', 'chat.read', 'conversation.read', 'insights.updated']);

/**
 * Publishes typed events on Redis in the Socket.IO adapter's format, so every API process
 * relays them to its connected agents. Used after commit by the worker and the API alike.
 * A Redis outage loses only the live push: consoles re-sync from the REST API on reconnect.
 */
@Injectable()
export class RealtimePublisher implements OnModuleDestroy {
  private readonly logger = new Logger(RealtimePublisher.name);
  private readonly redis: Redis;
  private readonly agents: Emitter;
  private readonly chat: Emitter;
  private readonly changes: string;
  private changeWindow: NodeJS.Timeout | null = null;
  private changedInWindow = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.changes = changesChannel(config.redisPrefix);
    this.redis = createFailFastRedis(config.redisUrl);
    this.redis.on('error', (err) => this.logger.debug(`redis: ${err.message}`));
    // The emitter fires publish() without awaiting it; catch here so an outage is a log line, not a crash.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        this.redis.publish(channel, message).catch((err: Error) => this.logger.warn(`live event not published: ${err.message}`)),
    };
    const emitter = new Emitter(publisher, { key: socketIoKey(config.redisPrefix) });
    this.agents = emitter.of(AGENTS_NAMESPACE);
    this.chat = emitter.of(CHAT_NAMESPACE);
  }

  publish<E extends RealtimeEventName>(event: E, payload: RealtimeEvents[E], rooms: string[]): void {
    if (rooms.length === 0) return;
    this.agents.to(rooms).emit(event, payload);
    if (!NOT_A_CHANGE.has(event)) this.signalChange();
  }

  /** To every socket of one chat visitor (all their tabs), on whichever API process holds them. */
  toVisitor<E extends keyof ChatServerEvents>(visitorId: string, event: E, payload: ChatServerEvents[E]): void {
    this.chat.to(rooms.visitor(visitorId)).emit(event, payload);
  }

  /** Tells every API process that something changed (throttled, trailing edge kept so the last change is never missed). */
  private signalChange(): void {
    if (this.changeWindow) {
      this.changedInWindow = true;
      return;
    }
    this.redis.publish(this.changes, '1').catch((err: Error) => this.logger.debug(`change not signalled: ${err.message}`));
    this.changeWindow = setTimeout(() => {
      this.changeWindow = null;
      if (this.changedInWindow) {
        this.changedInWindow = false;
        this.signalChange();
      }
    }, CHANGE_SIGNAL_MS);
    this.changeWindow.unref();
  }

  onModuleDestroy(): void {
    clearTimeout(this.changeWindow ?? undefined);
    this.redis.disconnect();
  }
}
