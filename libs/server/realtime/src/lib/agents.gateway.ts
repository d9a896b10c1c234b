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
import { AGENTS_NAMESPACE, type AgentPresence, PRESENCE_STATES, type PresenceState, type RealtimeClientEvents, rooms } from '@throughline/domain';
import { QueueEntity, UserEntity } from '@throughline/server/database';
import { TokenService, type AuthenticatedUser } from '@throughline/server/auth';

interface AgentSocketData {
  user: AuthenticatedUser;
  /** Shown to other agents with this socket's presence. */
  name: string;
}

/** `/agents`: every agent socket is authenticated by the JWT in `auth.token` before it connects. */
@WebSocketGateway({ namespace: AGENTS_NAMESPACE })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(AgentsGateway.name);

  constructor(
    private readonly tokens: TokenService,
    @InjectRepository(QueueEntity) private readonly queues: Repository<QueueEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      const user = typeof token === 'string' ? this.tokens.verify(token) : null;
      if (!user) return next(new Error('unauthorized: send a valid access token in auth.token'));
      // The name is looked up once here, so every presence this socket sends carries it.
      this.users.findOne({ where: { id: user.id, disabled: false }, select: { id: true, name: true } }).then(
        (found) => {
          if (!found) return next(new Error('unauthorized: this user no longer exists or is disabled'));
          Object.assign(socket.data as AgentSocketData, { user, name: found.name });
          next();
        },
        (err: Error) => next(new Error(`cannot check the user right now: ${err.message}`)),
      );
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { user } = socket.data as AgentSocketData;
    const queues = await this.queues.find({ select: { id: true } });
    // Agents see every queue for now; per-queue membership narrows this later without changing clients.
    const joined = [rooms.agent(user.id), rooms.queue(null), ...queues.map((q) => rooms.queue(q.id))];
    if (user.role !== 'agent') joined.push(rooms.supervisors);
    await socket.join(joined);
    // Agents watching a conversation this socket was in learn it left (rooms are still known while disconnecting).
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        if (room.startsWith(CONVERSATION_ROOM)) this.relayPresence(socket, room.slice(CONVERSATION_ROOM.length), 'left');
      }
    });
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

  /** Collision detection: relayed as `presence` to the other sockets in the conversation's room, never back to the sender. */
  @SubscribeMessage('presence')
  presence(@ConnectedSocket() socket: Socket, @MessageBody() body: RealtimeClientEvents['presence']): { ok: true } | { ok: false; error: string } {
    if (typeof body?.conversationId !== 'string' || !UUID.test(body.conversationId)) return { ok: false, error: 'conversationId: must be a UUID' };
    if (!PRESENCE_STATES.includes(body.state)) return { ok: false, error: `state: must be one of ${PRESENCE_STATES.join(', ')}` };
    this.relayPresence(socket, body.conversationId, body.state);
    return { ok: true };
  }

  private relayPresence(socket: Socket, conversationId: string, state: PresenceState): void {
    const { user, name } = socket.data as AgentSocketData;
    const presence: AgentPresence = { conversationId, user: { id: user.id, name }, state, at: new Date().toISOString() };
    socket.to(rooms.conversation(conversationId)).emit('presence', presence);
  }
}

const CONVERSATION_ROOM = rooms.conversation('');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function roomsOf(body: RealtimeClientEvents['subscribe'] | undefined): string[] {
  const result: string[] = [];
  if (typeof body?.conversationId === 'string' && UUID.test(body.conversationId)) result.push(rooms.conversation(body.conversationId));
  if (typeof body?.customerId === 'string' && UUID.test(body.customerId)) result.push(rooms.customer(body.customerId));
  return result;
}
