import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { InjectRepository } from '@nestjs/typeorm';
import type { Namespace, Socket } from 'socket.io';
import type { Repository } from 'typeorm';
import { AGENTS_NAMESPACE, type RealtimeClientEvents, rooms } from '@throughline/domain';
import { QueueEntity } from '@throughline/server/database';
import { TokenService, type AuthenticatedUser } from '@throughline/server/auth';

interface AgentSocketData {
  user: AuthenticatedUser;
}

/** `/agents`: every agent socket is authenticated by the JWT in `auth.token` before it connects. */
@WebSocketGateway({ namespace: AGENTS_NAMESPACE })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(AgentsGateway.name);

  constructor(
    private readonly tokens: TokenService,
    @InjectRepository(QueueEntity) private readonly queues: Repository<QueueEntity>,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      const user = typeof token === 'string' ? this.tokens.verify(token) : null;
      if (!user) return next(new Error('unauthorized: send a valid access token in auth.token'));
      (socket.data as AgentSocketData).user = user;
      next();
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { user } = socket.data as AgentSocketData;
    const queues = await this.queues.find({ select: { id: true } });
    // Agents see every queue for now; per-queue membership narrows this later without changing clients.
    const joined = [rooms.agent(user.id), rooms.queue(null), ...queues.map((q) => rooms.queue(q.id))];
    if (user.role !== 'agent') joined.push(rooms.supervisors);
    await socket.join(joined);
    this.logger.debug(`agent ${user.email} connected to ${joined.length} rooms`);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: RealtimeClientEvents['subscribe']): Promise<{ ok: true }> {
    await socket.join(roomsOf(body));
    return { ok: true };
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: RealtimeClientEvents['unsubscribe']): Promise<{ ok: true }> {
    await Promise.all(roomsOf(body).map((room) => socket.leave(room)));
    return { ok: true };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function roomsOf(body: RealtimeClientEvents['subscribe'] | undefined): string[] {
  const result: string[] = [];
  if (typeof body?.conversationId === 'string' && UUID.test(body.conversationId)) result.push(rooms.conversation(body.conversationId));
  if (typeof body?.customerId === 'string' && UUID.test(body.customerId)) result.push(rooms.customer(body.customerId));
  return result;
}
