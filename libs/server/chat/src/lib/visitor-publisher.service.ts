import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { CHAT_NAMESPACE, type ChatServerEvents, rooms } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { createFailFastRedis, socketIoKey } from '@throughline/server/queue';

/** Emits to a chat visitor's sockets from any process (the worker delivering replies), through the Socket.IO Redis adapter. */
@Injectable()
export class VisitorPublisher implements OnModuleDestroy {
  private readonly logger = new Logger(VisitorPublisher.name);
  private readonly redis: Redis;
  private readonly chat: Emitter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = createFailFastRedis(config.redisUrl);
    this.redis.on('error', (err) => this.logger.debug(`redis: ${err.message}`));
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        this.redis.publish(channel, message).catch((err: Error) => this.logger.warn(`chat event not published: ${err.message}`)),
    };
    this.chat = new Emitter(publisher, { key: socketIoKey(config.redisPrefix) }).of(CHAT_NAMESPACE);
  }

  emit<E extends keyof ChatServerEvents>(visitorId: string, event: E, payload: ChatServerEvents[E]): void {
    this.chat.to(rooms.visitor(visitorId)).emit(event, payload);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
