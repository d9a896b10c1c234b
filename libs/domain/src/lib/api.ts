import type {
  ChannelKind,
  ConnectorProvider,
  ConversationStatus,
  DeliveryStatus,
  MessageDirection,
  Priority,
  RawEventStatus,
  Role,
} from './channel';
import type { IdentityKind } from './identity';

/** Shapes of the REST API (DESIGN.md "Interfaces"), shared by the API, the console and tests. */

export interface ApiError {
  statusCode: number;
  error: string;
  message: string | string[];
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface LoginResponse {
  accessToken: string;
  user: UserView;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` (or `before` for timelines) to get the next page; null at the end. */
  nextCursor: string | null;
}

export interface QueueView {
  id: string;
  name: string;
}

export interface IdentityView {
  id: string;
  kind: IdentityKind;
  value: string;
  verified: boolean;
}

export interface CustomerView {
  id: string;
  name: string | null;
  identities: IdentityView[];
  mergedInto: string | null;
  createdAt: string;
}

export interface AttachmentView {
  id: string;
  filename: string;
  /** Detected from the bytes where possible, not only taken from the sender's header. */
  contentType: string;
  size: number;
  inline: boolean;
  contentId: string | null;
  /** Authorised download route (send the bearer token). */
  url: string;
}

export interface MessageView {
  id: string;
  /** Null for timeline entries that belong to no conversation (automatic mail nobody could match). */
  conversationId: string | null;
  customerId: string;
  channel: ChannelKind;
  direction: MessageDirection;
  authorName: string | null;
  authorUserId: string | null;
  subject: string | null;
  text: string;
  strippedText: string | null;
  /** Sanitised HTML (no scripts, remote images not loaded), for email. */
  html: string | null;
  attachments: AttachmentView[];
  deliveryStatus: DeliveryStatus | null;
  deliveryError: string | null;
  metadata: Record<string, unknown>;
  occurredAt: string;
  createdAt: string;
}

export interface ConversationView {
  id: string;
  /** Short reference shown to agents and carried in email subjects as [#REF]. */
  ref: string;
  customerId: string;
  customerName: string | null;
  connectorId: string | null;
  channel: ChannelKind;
  status: ConversationStatus;
  priority: Priority;
  queueId: string | null;
  assigneeId: string | null;
  subject: string | null;
  preview: string | null;
  lastMessageAt: string;
  lastInboundAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  /** Changes on every write; lets clients drop live events older than what they hold. */
  updatedAt: string;
  /** When a snoozed conversation opens again by itself; null unless snoozed. */
  snoozedUntil: string | null;
  /**
   * When the requesting agent last read it (list and get only; absent from live events, which go
   * to every agent). Unread = an inbound message after this.
   */
  readAt?: string | null;
}

/** Sorting of the conversation list: newest activity first, or longest-waiting customer first. */
export const CONVERSATION_SORTS = ['recent', 'waiting'] as const;
export type ConversationSort = (typeof CONVERSATION_SORTS)[number];

/**
 * `GET /api/conversations/:id/reply-channels`: where an agent's reply can go. `to` is the address a
 * reply on another channel is sent to (null: the one the customer wrote from); `default` marks the
 * channel of the customer's last message.
 */
export interface ReplyChannelView {
  channel: ChannelKind;
  connectorId: string | null;
  to: string | null;
  default: boolean;
}

/** `GET /api/conversations/counts`: what the inbox's views show beside their names. */
export interface ConversationCountsView {
  /** Every status, over all conversations. */
  status: Record<ConversationStatus, number>;
  /** Open conversations assigned to the requesting agent. */
  mine: number;
  /** Open conversations nobody is assigned to. */
  unassigned: number;
  /** Open conversations per queue id (`none` for no queue). */
  queues: Record<string, number>;
  /** Open conversations per channel. */
  channels: Partial<Record<ChannelKind, number>>;
}

export interface ConnectorView {
  id: string;
  name: string;
  kind: ChannelKind;
  provider: ConnectorProvider;
  queueId: string | null;
  config: Record<string, unknown>;
  /** Names of the secrets that are set; their values are never returned after creation. */
  secretNames: string[];
  enabled: boolean;
  health: 'unknown' | 'ok' | 'failing';
  lastEventAt: string | null;
  lastError: string | null;
  webhookUrls: Record<string, string>;
  createdAt: string;
}

/** Returned once, by POST /api/connectors. */
export interface CreatedConnectorView extends ConnectorView {
  signingSecret: string | null;
}

export interface RawEventView {
  id: string;
  connectorId: string;
  externalId: string;
  status: RawEventStatus;
  error: string | null;
  attempts: number;
  receivedAt: string;
  processedAt: string | null;
}
