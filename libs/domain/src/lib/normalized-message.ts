import type { ChannelKind } from './channel';
import type { Identity } from './identity';

export interface NormalizedAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
  contentId?: string;
  inline?: boolean;
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
  authorName?: string;
  subject?: string;
  text: string;
  /** The new part only (quoted history and signatures removed), when the channel quotes. */
  strippedText?: string;
  html?: string;
  attachments?: NormalizedAttachment[];
  /** Messages with the same thread key on one connector belong to one conversation. */
  threadKey?: string;
  metadata?: Record<string, unknown>;
}
