/**
 * The `/chat` Socket.IO contract between the embeddable widget and the API (docs/architecture.md, "Contracts").
 * Shared by the server, the widget and tests; types only, plus the limits both sides enforce.
 */
export const CHAT_NAMESPACE = '/chat';

export const CHAT_LIMITS = {
  /** Longest visitor message, in characters; longer ones are refused in the ack. */
  maxTextLength: 4000,
  /** Messages a visitor may send per minute (across tabs and API processes). */
  messagesPerMinute: 30,
  /** Messages sent with `session` history to a returning visitor. */
  historySize: 100,
} as const;

/** Sent by the site: the signed-in user's email or id with a hex HMAC-SHA256 of it under the identity secret. */
export type ChatIdentityClaim = { email: string; hmac: string } | { userId: string; hmac: string };

/** `io('/chat', { auth })` */
export interface ChatHandshake {
  connectorKey: string;
  visitorToken?: string;
  /** From the optional pre-chat form; an unsigned email is never trusted (a possible match for agents). */
  name?: string;
  email?: string;
  identity?: ChatIdentityClaim;
}

export type ChatAuthor = 'visitor' | 'agent';

/** One line of the conversation as the visitor sees it. Notes and system lines never reach the visitor. */
export interface ChatMessage {
  /** Stable: the id a visitor's own message was acked with, or the agent reply's message id. */
  id: string;
  text: string;
  author: ChatAuthor;
  authorName: string | null;
  createdAt: string;
  /** Echoed back on the visitor's own messages so the sending tab can match its optimistic copy. */
  clientId?: string;
  /** A satisfaction survey after the conversation was resolved: the widget shows a 1–5 rating under it (answer with `survey`). */
  survey?: { min: 1; max: 5 };
}

/** Server → visitor. */
export interface ChatServerEvents {
  /** After every (re)connect. `conversationId` is null until the visitor's first message is recorded. */
  session: { visitorToken: string; conversationId: string | null };
  /** After `session`, for a returning visitor: the latest messages, oldest first. */
  history: { messages: ChatMessage[] };
  message: ChatMessage;
  typing: { author: 'agent'; authorName: string | null };
  /** The agents have read the visitor's messages up to this id. */
  read: { author: 'agent'; upTo: string };
}

/** Visitor → server. */
export interface ChatClientEvents {
  message: { text: string; clientId: string };
  typing: { typing?: boolean };
  /** The visitor has seen agent messages up to this id. */
  read: { upTo: string };
  /** The visitor's 1–5 rating of the survey message `messageId` (may be changed while the survey is open). */
  survey: { messageId: string; csat: number };
}

/** The ack of a visitor's `survey`: the rating recorded, or why not. */
export type ChatSurveyAck = { csat: number } | { error: string };

/** The ack of a visitor's `message`: the message id, or why it was refused (nothing was stored). */
export type ChatMessageAck = { id: string; duplicate?: boolean } | { error: string };
