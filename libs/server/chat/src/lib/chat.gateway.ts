import { HttpException, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { InjectRepository } from '@nestjs/typeorm';
import type { Namespace, Socket } from 'socket.io';
import type { Repository } from 'typeorm';
import {
  AGENTS_NAMESPACE,
  CHAT_LIMITS,
  CHAT_NAMESPACE,
  type ChatMessageAck,
  type ChatServerEvents,
  type ChatSurveyAck,
  IdentityError,
  normalizeEmail,
  type RealtimeEvents,
  rooms,
} from '@throughline/domain';
import {
  ChatProtocolError,
  type ChatRawMessage,
  chatMessageId,
  chatThreadKey,
  isOriginAllowed,
  issueVisitorToken,
  pageOrigin,
  parseChatHandshake,
  parseChatMessage,
  parseChatRead,
  parseChatSurvey,
  verifyChatIdentity,
  verifyVisitorToken,
} from '@throughline/channels/chat';
import { ConnectorsService } from '@throughline/server/connectors';
import { ConversationEntity, MessageEntity } from '@throughline/server/database';
import { RawEventsService } from '@throughline/server/ingest';
import { SurveyAnswers } from '@throughline/server/surveys';
import { ChatFloodGuard } from './chat-flood.service';
import { ChatPresence } from './chat-presence.service';
import { toChatMessage } from './chat-transcript';

interface VisitorSocketData {
  connectorId: string;
  visitorId: string;
  visitorToken: string;
  origin: string;
  name?: string;
  claimedEmail?: string;
  verified?: { email?: string; userId?: string };
  /** Known once the visitor's first message has been recorded. */
  conversationId: string | null;
}

/**
 * `/chat`: the website widget's namespace (docs/architecture.md, "Contracts"). The handshake is checked before the
 * socket connects (connector key, page origin, identity HMAC, visitor token); refusals reach the
 * widget as `connect_error` with the reason. A visitor message is stored in raw_events before it
 * is acknowledged, then ingested like every channel's.
 */
@WebSocketGateway({ namespace: CHAT_NAMESPACE })
export class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(ChatGateway.name);

  constructor(
    private readonly connectors: ConnectorsService,
    private readonly rawEvents: RawEventsService,
    private readonly presence: ChatPresence,
    private readonly flood: ChatFloodGuard,
    private readonly surveys: SurveyAnswers,
    @InjectRepository(ConversationEntity) private readonly conversations: Repository<ConversationEntity>,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        (data) => {
          socket.data = data;
          next();
        },
        (err: Error) => {
          if (err instanceof ChatProtocolError) return next(new Error(err.message));
          this.logger.error(`chat handshake failed: ${err.message}`);
          next(new Error('the chat is unavailable right now; the widget retries by itself'));
        },
      );
    });
  }

  private async authenticate(socket: Socket): Promise<VisitorSocketData> {
    const input = parseChatHandshake(socket.handshake.auth);
    const connector = await this.connectors.findByWidgetKey(input.connectorKey);
    if (!connector) throw new ChatProtocolError(`unknown connectorKey "${input.connectorKey}": no chat widget has this key`);
    if (!connector.enabled) throw new ChatProtocolError('this chat widget is disabled');
    const origin = pageOrigin(socket.handshake.headers);
    const allowedOrigins = (connector.config['allowedOrigins'] as string[] | undefined) ?? [];
    if (!origin || !isOriginAllowed(origin, allowedOrigins)) {
      throw new ChatProtocolError(`origin ${origin ?? '(none sent)'} is not allowed: add it to the widget's allowedOrigins`);
    }
    // During a rotation's grace period the replaced secret still verifies; new tokens are issued under the current one.
    const [secret = '', ...previous] = this.connectors.verifyingSecrets(connector, 'identitySecret');
    const secrets = [secret, ...previous];
    let verified: VisitorSocketData['verified'];
    if (input.identity) {
      const { hmac } = input.identity;
      const value = 'email' in input.identity ? input.identity.email : input.identity.userId;
      if (!secrets.some((s) => verifyChatIdentity(value, hmac, s))) {
        await this.connectors.recordFailure(connector.id, 'refused a chat visitor whose identity HMAC did not match');
        throw new ChatProtocolError("identity.hmac does not match: sign the exact email or user id with the widget's identity secret (hex HMAC-SHA256)");
      }
      verified = 'email' in input.identity ? { email: this.verifiedEmail(value) } : { userId: value };
    }
    // A token we did not issue (or issued under a rotated secret) starts a new visitor instead of locking the widget out.
    const visitorToken = input.visitorToken;
    const known = visitorToken ? (secrets.map((s) => verifyVisitorToken(visitorToken, s)).find(Boolean) ?? null) : null;
    if (!known) {
      const refusal = await this.flood.newVisitorRefusal(connector.id, socket.handshake.address);
      if (refusal) throw new ChatProtocolError(refusal);
    }
    const session = known && input.visitorToken ? { visitorId: known, visitorToken: input.visitorToken } : issueVisitorToken(secret);
    return {
      connectorId: connector.id,
      ...session,
      origin,
      name: input.name,
      claimedEmail: input.email,
      verified,
      conversationId: null,
    };
  }

  private verifiedEmail(value: string): string {
    try {
      return normalizeEmail(value);
    } catch (err) {
      if (err instanceof IdentityError) throw new ChatProtocolError(`identity.email: ${err.message}`);
      throw err;
    }
  }

  async handleConnection(socket: Socket): Promise<void> {
    const data = socket.data as VisitorSocketData;
    await socket.join(rooms.visitor(data.visitorId));
    await this.presence.seen(data.visitorId, socket.id);
    socket.conn.on('heartbeat', () => void this.presence.seen(data.visitorId, socket.id));
    const conversationId = await this.conversationIdOf(data);
    this.emit(socket, 'session', { visitorToken: data.visitorToken, conversationId });
    if (conversationId) this.emit(socket, 'history', { messages: await this.history(conversationId) });
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const data = socket.data as Partial<VisitorSocketData>;
    if (data.visitorId) await this.presence.left(data.visitorId, socket.id);
  }

  @SubscribeMessage('message')
  async message(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatMessageAck> {
    const data = socket.data as VisitorSocketData;
    let input: { text: string; clientId: string };
    try {
      input = parseChatMessage(body);
    } catch (err) {
      if (err instanceof ChatProtocolError) return { error: err.message };
      throw err;
    }
    if (!(await this.presence.allowMessage(data.visitorId))) {
      return { error: `too many messages: at most ${CHAT_LIMITS.messagesPerMinute} a minute; wait a moment and send again` };
    }
    const id = chatMessageId(data.visitorId, input.clientId);
    const event: ChatRawMessage = {
      type: 'message',
      id,
      visitorId: data.visitorId,
      clientId: input.clientId,
      text: input.text,
      sentAt: new Date().toISOString(),
      ...(data.name ? { name: data.name } : {}),
      ...(data.claimedEmail ? { claimedEmail: data.claimedEmail } : {}),
      ...(data.verified ? { verified: data.verified } : {}),
      origin: data.origin,
    };
    try {
      const connector = await this.connectors.get(data.connectorId);
      if (!connector.enabled) return { error: 'this chat widget is disabled' };
      const accepted = await this.rawEvents.accept(connector, { externalId: id, contentType: 'application/json', payload: Buffer.from(JSON.stringify(event)) });
      if (accepted.duplicate) return { id, duplicate: true };
    } catch (err) {
      this.logger.error(`chat message not stored: ${(err as Error).message}`);
      return { error: 'the message could not be stored; send it again' };
    }
    // Every tab of the visitor shows it at once; agents get it through ingest like any channel's message.
    socket.nsp
      .to(rooms.visitor(data.visitorId))
      .emit('message', { id, text: event.text, author: 'visitor', authorName: data.name ?? null, createdAt: event.sentAt, clientId: input.clientId });
    return { id };
  }

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: Socket): Promise<void> {
    const data = socket.data as VisitorSocketData;
    const conversationId = await this.conversationIdOf(data);
    if (!conversationId) return;
    this.toAgents(socket, 'chat.typing', { conversationId, author: 'visitor', name: data.name ?? null, at: new Date().toISOString() }, conversationId);
  }

  @SubscribeMessage('read')
  async read(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<void> {
    const data = socket.data as VisitorSocketData;
    const read = parseChatRead(body);
    const conversationId = read ? await this.conversationIdOf(data) : null;
    if (!read || !conversationId) return;
    await this.presence.markRead(data.visitorId, read.upTo);
    this.toAgents(socket, 'chat.read', { conversationId, author: 'visitor', upTo: read.upTo, at: new Date().toISOString() }, conversationId);
  }

  /** The inline 1–5 rating of a survey message in the visitor's own conversation. */
  @SubscribeMessage('survey')
  async survey(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatSurveyAck> {
    const data = socket.data as VisitorSocketData;
    try {
      const input = parseChatSurvey(body);
      const conversationId = await this.conversationIdOf(data);
      if (!conversationId) return { error: 'survey.messageId: this chat has no survey' };
      const saved = await this.surveys.answerInline(conversationId, input.messageId, input.csat);
      return { csat: saved.csat ?? input.csat };
    } catch (err) {
      if (err instanceof ChatProtocolError || err instanceof HttpException) return { error: err.message };
      this.logger.error(`chat survey answer not stored: ${(err as Error).message}`);
      return { error: 'the rating could not be stored; try again' };
    }
  }

  private toAgents<E extends 'chat.typing' | 'chat.read'>(socket: Socket, event: E, payload: RealtimeEvents[E], conversationId: string): void {
    socket.nsp.server.of(AGENTS_NAMESPACE).to(rooms.conversation(conversationId)).emit(event, payload);
  }

  private emit<E extends keyof ChatServerEvents>(socket: Socket, event: E, payload: ChatServerEvents[E]): void {
    socket.emit(event, payload);
  }

  /** The visitor's conversation on this widget (one per visitor, see chatThreadKey), remembered on the socket once found. */
  private async conversationIdOf(data: VisitorSocketData): Promise<string | null> {
    if (data.conversationId) return data.conversationId;
    const conversation = await this.conversations.findOne({
      where: { connectorId: data.connectorId, threadKey: chatThreadKey(data.visitorId) },
      select: { id: true },
    });
    data.conversationId = conversation?.id ?? null;
    return data.conversationId;
  }

  /** The latest messages the visitor may see, oldest first. */
  private async history(conversationId: string): Promise<NonNullable<ReturnType<typeof toChatMessage>>[]> {
    const rows = await this.messages
      .createQueryBuilder('m')
      .where("m.conversation_id = :conversationId AND m.direction IN ('inbound', 'outbound')", { conversationId })
      .orderBy('m.occurred_at', 'DESC')
      .addOrderBy('m.created_at', 'DESC')
      .limit(CHAT_LIMITS.historySize)
      .getMany();
    return rows.reverse().flatMap((m) => toChatMessage(m) ?? []);
  }
}
