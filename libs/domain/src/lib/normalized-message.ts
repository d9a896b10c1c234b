import type { ChannelKind } from './channel';
import type { Identity } from './identity';

export interface NormalizedAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
  contentId?: string;
  inline?: boolean;
}

/** How an inbound message finds the conversation it continues, strongest hint first. */
export interface ThreadingHints {
  /**
   * Provider ids of the messages this one answers, nearest first: an email's In-Reply-To then its
   * References from last to first; a social post's in-reply-to id. Matched against the external
   * ids of stored messages (ours included) on the same connector.
   */
  replyTo?: string[];
  /** The conversation reference our own outbound messages carry (an email subject token like `4F2K`). */
  conversationRef?: string;
  /** Subject with reply/forward prefixes, list tags and tokens removed, lower-cased; the weakest hint. */
  normalizedSubject?: string;
  /**
   * For messages that reference nothing (calls): continue the customer's open or pending
   * conversation on the connector when it had a message within this many hours before this one.
   */
  openConversationWithinHours?: number;
}

/** Mail (or any message) a machine sent: recorded and flagged, but it never opens, reopens or starts an SLA. */
export interface AutomatedInfo {
  kind: 'auto-reply' | 'bounce';
  /** Which header or structure gave it away, in words an admin understands. */
  reason: string;
  /** For bounces: the ids of our messages that failed, and the recipients that failed. */
  refersTo?: string[];
  failedRecipients?: string[];
  /** For bounces: the remote server's diagnostic, e.g. `552 5.2.2 mailbox full`. */
  diagnostic?: string;
}

/** What every channel adapter turns a raw provider event into. */
export interface NormalizedMessage {
  channel: ChannelKind;
  direction: 'inbound' | 'outbound';
  /** Provider-side id, unique per connector; a second message with the same id is the same message. */
  externalId: string;
  occurredAt: Date;
  /** The customer's identities, most specific first; all are trusted (verified) unless marked otherwise. */
  identities: Array<Identity & { verified?: boolean }>;
  /**
   * Identities the sender states without proof (an email typed into the chat's pre-chat form).
   * Never attached to anyone: when one belongs to another customer, agents get a possible match.
   */
  claimedIdentities?: Identity[];
  authorName?: string;
  subject?: string;
  text: string;
  /** The new part only (quoted history and signatures removed), when the channel quotes. */
  strippedText?: string;
  html?: string;
  attachments?: NormalizedAttachment[];
  /** Messages with the same thread key on one connector belong to one conversation. */
  threadKey?: string;
  threading?: ThreadingHints;
  automated?: AutomatedInfo;
  /**
   * Set when later events describe the same thing (a call's next status, its recording or
   * transcript): a stored message with the same externalId is updated through the channel's merge
   * instead of being skipped; the rank lets that merge keep out-of-order events from going backwards.
   */
  updates?: { rank: number };
  /**
   * Why an agent must act on this entry although nobody wrote to us (a missed call asking for a
   * call back): its conversation opens, or reopens, and this line is written into it.
   */
  attention?: string;
  metadata?: Record<string, unknown>;
}
