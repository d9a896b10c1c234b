import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { InjectRepository } from '@nestjs/typeorm';
import type { Socket } from 'socket.io';
import type { Repository } from 'typeorm';
import { AGENTS_NAMESPACE, CHAT_NAMESPACE, type ChatServerEvents, type RealtimeClientEvents, rooms } from '@throughline/domain';
import { visitorIdOfThreadKey } from '@throughline/channels/chat';
import { ConversationEntity, UserEntity } from '@throughline/server/database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Relay = { ok: true } | { ok: false; error: string };

/**
 * The agents' side of live chat on `/agents` (sockets are authenticated by AgentsGateway's
 * handshake): an agent typing, or having read the visitor's messages, reaches the visitor.
 */
@WebSocketGateway({ namespace: AGENTS_NAMESPACE })
export class AgentChatGateway {
  constructor(
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  @SubscribeMessage('chat.typing')
  async typing(@ConnectedSocket() socket: Socket, @MessageBody() body: RealtimeClientEvents['chat.typing']): Promise<Relay> {
    const visitorId = await this.visitorOf(body?.conversationId);
    if (!visitorId) return { ok: false, error: 'conversationId: not a live chat conversation' };
    const user = await this.users.findOne({ where: { id: this.userId(socket) }, select: { id: true, name: true } });
    this.toVisitor(socket, visitorId, 'typing', { author: 'agent', authorName: user?.name ?? null });
    socket
      .to(rooms.conversation(body.conversationId))
      .emit('chat.typing', { conversationId: body.conversationId, author: 'agent', name: user?.name ?? null, at: new Date().toISOString() });
    return { ok: true };
  }

  @SubscribeMessage('chat.read')
  async read(@ConnectedSocket() socket: Socket, @MessageBody() body: RealtimeClientEvents['chat.read']): Promise<Relay> {
    const visitorId = await this.visitorOf(body?.conversationId);
    if (!visitorId) return { ok: false, error: 'conversationId: not a live chat conversation' };
    if (typeof body.upTo !== 'string' || !body.upTo || body.upTo.length > 100) return { ok: false, error: 'upTo: a chat message id' };
    this.toVisitor(socket, visitorId, 'read', { author: 'agent', upTo: body.upTo });
    return { ok: true };
  }

  private userId(socket: Socket): string {
    return (socket.data as { user: { id: string } }).user.id;
  }

  private toVisitor<E extends keyof ChatServerEvents>(socket: Socket, visitorId: string, event: E, payload: ChatServerEvents[E]): void {
    socket.nsp.server.of(CHAT_NAMESPACE).to(rooms.visitor(visitorId)).emit(event, payload);
  }

  private async visitorOf(conversationId: unknown): Promise<string | null> {
    if (typeof conversationId !== 'string' || !UUID.test(conversationId)) return null;
    const conversation = await this.conversations.findOne({ where: { id: conversationId, channel: 'chat' }, select: { id: true, threadKey: true } });
    return visitorIdOfThreadKey(conversation?.threadKey ?? null);
  }
}
