import type { ChannelKind, ConnectorProvider, ConversationStatus, DeliveryStatus, MessageDirection, Priority, RawEventStatus, Role } from './channel';
import type { WeeklyHours } from './business-time';
import type { IdentityKind } from './identity';
import type { SlaBreach, SlaStatus } from './sla';
import type { RoutingMode } from './routing';

/** Shapes of the REST API (docs/architecture.md, "Contracts"), shared by the API, the console and tests. */

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

/** `active` can sign in; `invited` has not set a password yet; `disabled` is switched off (never deleted). */
export type PersonStatus = 'active' | 'invited' | 'disabled';

/** A user as `GET /api/users` lists them (agents see active people only). */
export interface PersonView extends UserView {
  status: PersonStatus;
  /** Most open conversations routing gives them; null follows the queue's setting. */
  capacity: number | null;
  createdAt: string;
}

/** `POST /api/users`: the invite link is shown once, to pass on when it was not emailed. */
export interface CreatedPersonView {
  user: PersonView;
  inviteUrl: string;
  emailed: boolean;
}

/** `POST /api/users/:id/reset-link`. */
export interface ResetLinkView {
  resetUrl: string;
  emailed: boolean;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` (or `before` for timelines) to get the next page; null at the end. */
  nextCursor: string | null;
}

export interface QueueView {
  id: string;
  name: string;
  /** An archived queue keeps its conversations but takes no new ones (connectors pointing at it leave theirs in no queue). */
  archived: boolean;
  /** Users named as members. */
  memberIds: string[];
  /** Teams whose every member is a member. */
  teamIds: string[];
  /** memberIds ∪ the teams' members: who the queue's routing considers (sorted). */
  effectiveMemberIds: string[];
  /** How new and reopened unassigned conversations are handed out (`manual`: by people only). */
  routing: RoutingMode;
  /** A returning customer goes to the agent who last answered them (any channel) when they are online with room. */
  sticky: boolean;
  /** Most open conversations routing gives a member whose own capacity is null; null: unlimited. */
  capacityPerAgent: number | null;
  /** An agent who goes offline (after the grace period) gives their open conversations here back to routing. */
  handBackOffline: boolean;
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

/** "These may be one person" (e.g. an unverified email typed into the chat form): merge with one click or dismiss. */
export interface PossibleMatchView {
  id: string;
  /** The other customer, as of now. */
  candidate: CustomerView;
  /** Why we think so, in an agent's words. */
  reason: string;
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
  /** The service level that applies, null when no SLA policy matches. */
  sla: ConversationSlaView | null;
  /**
   * Every customer who took part: the owner (who started the thread) and the others who wrote
   * into it (a colleague on CC, a third party on a list thread). Given by get only.
   */
  participants?: ConversationParticipantView[];
  /** The tags agents put on it, by name. */
  tags: TagView[];
}

/** Due times are null once met, or while the clock is paused (pending, snoozed). */
export interface ConversationSlaView {
  policyId: string;
  name: string;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  status: SlaStatus;
  breaches: SlaBreach[];
}

export interface BusinessHoursView {
  id: string;
  name: string;
  timezone: string;
  weekly: WeeklyHours;
  holidays: string[];
}

export interface SlaPolicyView {
  id: string;
  name: string;
  /** Policies are tried in ascending position; the first that matches applies. */
  position: number;
  match: { queueId: string | null; priority: Priority | null; channel: ChannelKind | null };
  firstResponseMinutes: number;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHoursId: string | null;
}

export const PARTICIPANT_ROLES = ['owner', 'participant'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface ConversationParticipantView {
  customerId: string;
  name: string | null;
  role: ParticipantRole;
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
  /** Unresolved conversations whose SLA is at risk, or breached. */
  sla: { atRisk: number; breached: number };
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
  /** After a secret rotation: until when the replaced secret is still accepted (null when no grace period is running). */
  previousSecretValidUntil: string | null;
  createdAt: string;
}

/** One step of `POST /api/connectors/:id/test`, worded for the admin who set the connector up. */
export interface ConnectionCheckView {
  ok: boolean;
  /** The step that failed, or 'ok'. */
  stage: 'dns' | 'connect' | 'tls' | 'auth' | 'folder' | 'ok';
  message: string;
  /** The library's or server's own words, for support. */
  detail?: string;
}

/** `POST /api/connectors/:id/test`. */
export interface ConnectorTestView {
  ok: boolean;
  checks: ConnectionCheckView[];
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

/** One entry of an insights panel list: what to say, with why it is offered. */
export interface InsightPromptView {
  id: string;
  /** Ready to insert into the reply. */
  text: string;
  /** The emotion evidence and history behind it. */
  why: string;
}

/**
 * `GET /api/conversations/:id/insights` and the `insights.updated` event: the insights contract
 * (docs/architecture.md, "Contracts": sentiment, emotions, prompts, suggestions, suppressed) plus optional extras.
 */
export interface InsightsView {
  /** VADER compound score −1..1 of the conversation's mood, and its label. */
  sentiment: { score: number; label: 'negative' | 'neutral' | 'positive' };
  /** GoEmotions labels (anger, annoyance, …), strongest first, with the words that triggered each. */
  emotions: Array<{ label: string; score: number; evidence: string[] }>;
  prompts: InsightPromptView[];
  /** Suggestion ids are those of `POST /api/suggestions/:id/accept|dismiss`. */
  suggestions: Array<{ id: string; sku: string; name: string; score: number; reasons: string[] }>;
  /** Set while cross-sell must wait, e.g. `resolve first: the customer is angry`. */
  suppressed?: { reason: string };
  /** One-line advice for the agent (apologise once, give a time, no upsell now). */
  guidance?: InsightPromptView[];
  /** What the customer's history says (repeat contact, long wait, channel switch, open promise, …). */
  history?: Array<{ kind: string; reason: string }>;
  /** The latest inbound message is content after upset ones. */
  moodTurned?: boolean;
  /** The inbound message whose arrival computed these insights (null: computed on request). */
  messageId?: string | null;
  computedAt?: string;
}

export const SUGGESTION_STATUSES = ['shown', 'accepted', 'dismissed'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export interface SuggestionView {
  id: string;
  conversationId: string;
  customerId: string;
  sku: string;
  score: number;
  reasons: string[];
  status: SuggestionStatus;
  dismissReason: string | null;
  convertedOrderId: string | null;
  createdAt: string;
}

/** `POST /api/suggestions/:id/accept`: the suggestion, and a short pitch to insert into the reply. */
export interface AcceptedSuggestionView {
  suggestion: SuggestionView;
  pitch: string;
}

export interface ProductView {
  sku: string;
  name: string;
  description: string;
  tags: string[];
  price: number;
  /** The SKU this product upgrades (owns Basic → suggest Pro), if any. */
  upgradeOf: string | null;
}

/** A customer's order, for the purchase history in the customer panel. */
export interface OrderView {
  id: string;
  externalId: string;
  orderedAt: string;
  lines: Array<{ sku: string; name: string | null; quantity: number }>;
}

/** `POST /api/products/import` and `POST /api/orders/import`. */
export interface ImportResultView {
  /** Rows that added (or, for products, changed) something. */
  imported: number;
  /** Valid rows that were already there unchanged (a re-import). */
  skipped: number;
  /** One entry per bad row: the CSV line (1 = header) or the position in a JSON array (1-based). */
  errors: Array<{ line: number; reason: string }>;
}

export type EmpathyPhraseKind = 'phrase' | 'guidance';
export type EmpathyPhraseTone = 'acknowledge' | 'apologise' | 'reassure' | 'clarify' | 'thank' | 'guide';
/** An emotion (GoEmotions name, optionally with a minimum score) or a history signal kind. */
export type EmpathyPhraseTrigger = { emotion: string; minScore?: number } | { history: string };

export interface EmpathyPhraseView {
  id: string;
  kind: EmpathyPhraseKind;
  /** May use history placeholders such as {contactOrdinal}. */
  text: string;
  tone: EmpathyPhraseTone;
  triggers: EmpathyPhraseTrigger[];
  deescalates: boolean;
  enabled: boolean;
}

/** `GET /api/insights/report?days=`: how cross-sell and prompts are used, over the last `days`. */
export interface InsightsReportView {
  days: number;
  since: string;
  /** Conversations with insights computed in the window. */
  conversations: number;
  conversationsWithSuggestions: number;
  shown: number;
  accepted: number;
  dismissed: number;
  /** Shown suggestions followed by an order of that product by that customer within 30 days. */
  converted: number;
  /** Null when nothing was counted yet. */
  suggestionRate: number | null;
  acceptanceRate: number | null;
  conversionRate: number | null;
  promptUses: number;
}

/** One setting of a connector provider, for the console's form (`GET /api/connectors/providers`). */
export interface ConnectorFieldView {
  /** The path in `config` (`smtp.host`), or the secret's name when `secret`. */
  name: string;
  label: string;
  type: 'text' | 'email' | 'url' | 'number' | 'boolean' | 'choice' | 'list';
  /** Required when its group is sent (fields outside a group: always). */
  required: boolean;
  /** Sent in `secrets`, write-only. */
  secret: boolean;
  help: string | null;
  default: string | number | boolean | null;
  /** The values of a `choice`. */
  options: string[] | null;
  /** Nested settings (the outgoing SMTP server, `smtp`) are sent only when one of them is filled in. */
  group: string | null;
}

/** A provider the server runs, described from the same schemas it validates with. */
export interface ConnectorProviderView {
  provider: ConnectorProvider;
  kind: ChannelKind;
  label: string;
  description: string;
  fields: ConnectorFieldView[];
  /** Inbound webhook paths under /api/hooks/:id/. */
  webhookPaths: string[];
  /** The secret the server generates at creation and on rotation, returned once. */
  generatedSecret: 'signingSecret' | 'identitySecret' | null;
}

/** `GET /api/connectors/providers`. */
export interface ConnectorProvidersView {
  /** The public base URL senders reach this server at (webhooks, the widget script). */
  publicUrl: string;
  providers: ConnectorProviderView[];
}

/** `POST /api/connectors/:id/secret/rotate`: the new secret, shown this once. */
export interface RotatedSecretView {
  connector: ConnectorView;
  secretName: 'signingSecret' | 'identitySecret';
  secret: string;
  /** Until when the replaced secret is still accepted; null when it stopped working at once. */
  previousValidUntil: string | null;
}

export const REPORT_GROUP_BYS = ['day', 'week', 'agent', 'queue', 'channel'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BYS)[number];

/** The figures of one group of conversations (or of all of them: the totals); null where nothing was measured. */
export interface ReportFigures {
  /** Conversations created in the period. */
  conversations: number;
  /** Of those, resolved at least once (a reopen does not take it back). */
  resolved: number;
  /** Of those, reopened after a resolution. */
  reopened: number;
  /** reopened / resolved, in %. */
  reopenRatePct: number | null;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  resolutionMedianSeconds: number | null;
  resolutionP90Seconds: number | null;
  nextResponseMedianSeconds: number | null;
  /** Conversations under an SLA policy that breached no target, in %. */
  slaMetPct: number | null;
  csat: { responses: number; satisfiedPct: number | null };
  ces: { responses: number; average: number | null };
  nps: { responses: number; score: number | null };
  /** Per resolved conversation: the customer's messages and the channels they used before the first resolution (averages). */
  contactsPerIssue: { messages: number | null; channels: number | null };
}

export interface ReportRowView extends ReportFigures {
  /** The day or week's first day (YYYY-MM-DD, UTC), the agent's or queue's id ('none' when unassigned), the channel. */
  key: string;
  label: string;
}

/** `GET /api/reports/summary`: conversations created in [from, to), grouped. */
export interface ReportSummaryView {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  rows: ReportRowView[];
  totals: ReportFigures;
}

/** A tag agents put on conversations (`GET /api/tags`); `color` is `#rrggbb`. */
export interface TagView {
  id: string;
  name: string;
  color: string;
}
