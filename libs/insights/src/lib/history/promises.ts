import { MessageDirection } from '@throughline/domain';

export type PromiseKind = 'callback' | 'refund' | 'follow-up';

/** A promise an agent made in an outbound message, as detected from its text. */
export interface DetectedPromise {
  kind: PromiseKind;
  /** The words that make it a promise. */
  phrase: string;
}

const PROMISE_PATTERNS: Readonly<Record<PromiseKind, RegExp>> = {
  callback:
    /\b(?:(?:i'll|i will|we'll|we will|someone will|a colleague will|i'm going to|we're going to) (?:give you a (?:call|ring)|call you(?: back)?|ring you(?: back)?|phone you(?: back)?)|call you back|expect a call)\b/i,
  refund:
    /\b(?:refund\b[^.!?\n]{0,40}\b(?:will be|has been|is being|was) (?:issued|processed|initiated|sent|approved)|(?:i'll|i will|we'll|we will|i've|i have|we've|we have|i'm going to|we're going to)(?: just)? (?:issue|issued|process|processed|initiate|initiated|send|sent|arrange|arranged) (?:a |your |the |you a )?(?:full |partial )?refund|refund is on (?:its|the) way)\b/i,
  'follow-up':
    /\b(?:i'll|i will|we'll|we will|i'm going to|we're going to) (?:get back to you|follow up|update you|keep you (?:posted|updated)|let you know|be in touch|come back to you)\b/i,
};

/** A refund is kept when we say the money has arrived, not when we say it was sent. */
const REFUND_KEPT =
  /\b(?:refund\b[^.!?\n]{0,40}\b(?:has been|was|is now) (?:completed|credited|received|paid out)|you should (?:now )?see the refund|refund (?:went|has gone) through)\b/i;

export function detectPromises(text: string): DetectedPromise[] {
  const normalized = text.replace(/[’‘]/g, "'");
  return (Object.entries(PROMISE_PATTERNS) as Array<[PromiseKind, RegExp]>).flatMap(([kind, pattern]) => {
    const match = normalized.match(pattern);
    return match ? [{ kind, phrase: match[0] }] : [];
  });
}

export interface PromiseMessage {
  conversationId: string;
  channel: string;
  direction: MessageDirection;
  at: Date;
  text?: string;
}

export interface MadePromise {
  kind: PromiseKind;
  madeAt: Date;
  text: string;
  conversationId?: string;
}

/**
 * Whether a later message keeps the promise: a callback by a call we made (outbound on the phone
 * channel), a refund by a message saying the money arrived, a follow-up by any later answer of ours
 * in the same conversation.
 */
export function keepsPromise(promise: MadePromise, later: PromiseMessage): boolean {
  if (later.direction !== 'outbound' || later.at <= promise.madeAt) return false;
  switch (promise.kind) {
    case 'callback':
      return later.channel === 'phone' || later.channel === 'call';
    case 'refund':
      return REFUND_KEPT.test((later.text ?? '').replace(/[’‘]/g, "'"));
    case 'follow-up':
      return promise.conversationId === undefined || later.conversationId === promise.conversationId;
  }
}
