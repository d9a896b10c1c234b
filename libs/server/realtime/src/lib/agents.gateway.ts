import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { InjectRepository } from '@nestjs/typeorm';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import type { Repository } from 'typeorm';
import { AGENTS_NAMESPACE, type AgentPresence, PRESENCE_STATES, type PresenceState, type RealtimeClientEvents, rooms } from '@throughline/domain';
import { QueueEntity } from '@throughline/server/database';
import { type AuthenticatedUser, UserAccessService } from '@throughline/server/auth';
import { PresenceService } from '@throughline/server/presence';

interface AgentSocketData {
  user: AuthenticatedUser;
  /** Shown to other agents with this socket's presence. */
  name: string;
  /** Seconds since the epoch: the socket is closed when its token expires. */
  expiresAt: number;
}

/** setTimeout's largest delay (about 24 days); a longer-lived token's socket simply reconnects then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `/agents`: every agent socket is authenticated by the access token in `auth.token` before it
 * connects, and closed when that token expires or its user is disabled, demoted or signs out
 * (the client reconnects with a fresh token and gets the rooms of its current role).
 */
@WebSocketGateway({ namespace: AGENTS_NAMESPACE })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger(AgentsGateway.name);
  private changes: Subscription | null = null;

  constructor(
    private readonly access: UserAccessService,
    private readonly agentPresence: PresenceService,
    @InjectRepository(QueueEntity) private readonly queues: Repository<QueueEntity>,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      if (typeof token !== 'string') return next(new Error('unauthorized: send a valid access token in auth.token'));
      this.access.authenticate(token).then(
        (session) => {
          if (!session) return next(new Error('unauthorized: this token is invalid, expired or revoked, or its user is disabled'));
          const data: AgentSocketData = {
            user: { id: session.id, email: session.email, role: session.role },
            name: session.name,
            expiresAt: session.expiresAt,
          };
          Object.assign(socket.data as AgentSocketData, data);
          next();
        },
        (err: Error) => next(new Error(`cannot check the user right now: ${err.message}`)),
      );
    });
    // Every API process hears every change and drops its own sockets of that user.
    this.changes = this.access.changes$.subscribe((userId) => namespace.in(rooms.agent(userId)).local.disconnectSockets(true));
  }

  onModuleDestroy(): void {
    this.changes?.unsubscribe();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { user, expiresAt } = socket.data as AgentSocketData;
    const expiry = setTimeout(() => socket.disconnect(true), Math.min(Math.max(0, expiresAt * 1000 - Date.now()), MAX_TIMER_MS));
    const reportPresence = (report: Promise<void>) => report.catch((err: Error) => this.logger.warn(`presence of ${user.email} not recorded: ${err.message}`));
    socket.once('disconnect', () => {
      clearTimeout(expiry);
      void reportPresence(this.agentPresence.socketClosed(user.id, socket.id));
    });
    const queues = await this.queues.find({ select: { id: true } });
    // Agents see every queue for now; per-queue membership narrows this later without changing clients.
    const joined = [rooms.agent(user.id), rooms.queue(null), ...queues.map((q) => rooms.queue(q.id))];
    if (user.role !== 'agent') joined.push(rooms.supervisors);
    await socket.join(joined);
    // Counted once its rooms are joined, so the agent's own consoles hear their status too; a
    // socket gone meanwhile is not counted (its close may already have been recorded).
    if (socket.connected) void reportPresence(this.agentPresence.socketOpened(user.id, socket.id));
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
