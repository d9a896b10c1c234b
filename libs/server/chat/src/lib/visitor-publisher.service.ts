import { Injectable } from '@nestjs/common';
import type { ChatServerEvents } from '@throughline/domain';
import { RealtimePublisher } from '@throughline/server/queue';

/** Emits to a chat visitor's sockets from any process (the worker delivering replies), through the Socket.IO Redis adapter. */
@Injectable()
export class VisitorPublisher {
  constructor(private readonly realtime: RealtimePublisher) {}

  emit<E extends keyof ChatServerEvents>(visitorId: string, event: E, payload: ChatServerEvents[E]): void {
    this.realtime.toVisitor(visitorId, event, payload);
  }
}
