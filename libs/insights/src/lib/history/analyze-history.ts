import { MessageDirection } from '@throughline/domain';
import { detectPromises, keepsPromise, MadePromise } from './promises';
import { channelName, channelVerb, formatDuration, formatMoment, hoursBetween, ordinal, spellDuration } from './wording';

export interface HistoryMessage {
  conversationId: string;
  /** Channel kind (email, phone, chat, social) or provider (x, mastodon, …): it is only compared and named. */
  channel: string;
  direction: MessageDirection;
  at: Date;
  text?: string;
  sentimentScore?: number;
}

export interface HistoryConversation {
  id: string;
  status: string;
  subject?: string | null;
  createdAt: Date;
  resolvedAt?: Date | null;
  lastSentiment?: number;
}

export interface HistoryOptions {
  /** "This week": how far back contacts, waits and channel switches count. */
  windowDays: number;
  /** A wait at least this long is worth an apology. */
  longWaitHours: number;
  /** Silence before a new channel that makes it a switch "because we did not answer". */
  switchSilenceHours: number;
  /** Inbound messages on one channel closer than this, with no reply between, are one contact. */
  burstGapMinutes: number;
  /** How far back earlier negative conversations are remembered. */
  negativeLookbackDays: number;
  /** A conversation whose sentiment is at or below this was a bad one. */
  negativeSentiment: number;
  /** IANA zone for the times quoted in reasons. */
  timeZone: string;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryOptions = {
  windowDays: 7,
  longWaitHours: 8,
  switchSilenceHours: 1,
  burstGapMinutes: 60,
  negativeLookbackDays: 90,
  negativeSentiment: -0.3,
  timeZone: 'UTC',
};

export interface HistoryInput {
  now: Date;
  currentConversationId: string;
  /** Every message of the customer's timeline that is available, any conversation, any order. */
  contacts: HistoryMessage[];
  conversations: HistoryConversation[];
  /** Promises recorded elsewhere (e.g. a scheduled callback); checked for fulfilment like detected ones. */
  openPromises?: MadePromise[];
  options?: Partial<HistoryOptions>;
}

export const HISTORY_SIGNAL_KINDS = ['repeat-contact', 'long-wait', 'channel-switch', 'open-promise', 'previous-negative', 'unresolved-complaint'] as const;
export type HistorySignalKind = (typeof HISTORY_SIGNAL_KINDS)[number];

/** Values that phrase templates may use as {placeholders}. */
export const HISTORY_FACTS = [
  'contactOrdinal',
  'contactCount',
  'contactChannels',
  'waitedFor',
  'switchedFrom',
  'switchedTo',
  'promiseKind',
  'previousCount',
  'complaintSubject',
] as const;
export type HistoryFact = (typeof HISTORY_FACTS)[number];

export interface HistorySignal {
  kind: HistorySignalKind;
  /** One line for the agent, e.g. "third contact in 7 days: email, X, phone". */
  reason: string;
  /** Values a phrase template may use, e.g. { contactOrdinal: 'third' }. */
  facts: Partial<Record<HistoryFact, string>>;
}

export interface CustomerContact {
  conversationId: string;
  channel: string;
  at: Date;
}

export interface Wait {
  conversationId: string;
  channel: string;
  since: Date;
  hours: number;
  answeredAt: Date | null;
  reason: string;
}

export interface ChannelSwitch {
  from: string;
  to: string;
  fromAt: Date;
  at: Date;
  silentHours: number;
  reason: string;
}

export interface OpenPromise extends MadePromise {
  ageHours: number;
  reason: string;
}

export interface PastConversation {
  conversationId: string;
  subject: string | null;
  status: string;
  sentiment: number;
  reason: string;
}

export interface HistoryInsights {
  recentContacts: {
    count: number;
    windowDays: number;
    contacts: CustomerContact[];
  };
  /** The current conversation's unanswered wait, if the customer is waiting for us. */
  waiting: Wait | null;
  /** The longest wait for an answer that started in the window, answered or not. */
  longestWait: Wait | null;
  channelSwitches: ChannelSwitch[];
  openPromises: OpenPromise[];
  previousNegative: PastConversation[];
  /** Earlier negative conversations that are not resolved yet. */
  unresolvedComplaints: PastConversation[];
  /** One per kind that applies, for prompts and the panel. */
  signals: HistorySignal[];
}

const DAY_HOURS = 24;

/** What the customer's history says that no lexicon can: repetition, waiting, switching, promises, past trouble. */
export function analyzeHistory(input: HistoryInput): HistoryInsights {
  const options = { ...DEFAULT_HISTORY_OPTIONS, ...input.options };
  const messages = [...input.contacts].sort((a, b) => a.at.getTime() - b.at.getTime());
  const inWindow = (at: Date) => hoursBetween(at, input.now) <= options.windowDays * DAY_HOURS;

  const contacts = customerContacts(messages, options).filter((contact) => inWindow(contact.at));
  const waits = waitsForAnswer(messages, input.now, options);
  const waiting = waits.find((wait) => wait.answeredAt === null && wait.conversationId === input.currentConversationId) ?? null;
  const longestWait = waits.filter((wait) => inWindow(wait.since)).sort((a, b) => b.hours - a.hours)[0] ?? null;
  const channelSwitches = switchesAfterSilence(messages, options).filter((change) => inWindow(change.at));
  const openPromises = findOpenPromises(messages, input.openPromises ?? [], input.now, options);
  const previousNegative = negativeConversations(input, messages, options);
  const unresolvedComplaints = previousNegative.filter((conversation) => conversation.status !== 'resolved');

  const signals: HistorySignal[] = [];
  if (contacts.length >= 2) {
    const channels = contacts.map((contact) => channelName(contact.channel));
    signals.push({
      kind: 'repeat-contact',
      reason: `${ordinal(contacts.length)} contact in ${options.windowDays} days: ${channels.join(', ')}`,
      facts: {
        contactOrdinal: ordinal(contacts.length),
        contactCount: String(contacts.length),
        contactChannels: channels.join(', '),
      },
    });
  }
  const longWait = [waiting, longestWait].find((wait) => wait && wait.hours >= options.longWaitHours);
  if (longWait)
    signals.push({
      kind: 'long-wait',
      reason: longWait.reason,
      facts: { waitedFor: spellDuration(longWait.hours) },
    });
  const lastSwitch = channelSwitches[channelSwitches.length - 1];
  if (lastSwitch) {
    signals.push({
      kind: 'channel-switch',
      reason: channelSwitches.map((change) => change.reason).join('; '),
      facts: {
        switchedFrom: channelName(lastSwitch.from),
        switchedTo: channelName(lastSwitch.to),
      },
    });
  }
  if (openPromises.length) {
    signals.push({
      kind: 'open-promise',
      reason: openPromises.map((promise) => promise.reason).join('; '),
      facts: { promiseKind: openPromises[0].kind },
    });
  }
  if (previousNegative.length) {
    signals.push({
      kind: 'previous-negative',
      reason: `${previousNegative.length} earlier negative conversation${previousNegative.length > 1 ? 's' : ''} in ${options.negativeLookbackDays} days: ${previousNegative.map((c) => c.reason).join(', ')}`,
      facts: { previousCount: String(previousNegative.length) },
    });
  }
  if (unresolvedComplaints.length) {
    signals.push({
      kind: 'unresolved-complaint',
      reason: `unresolved complaint: ${unresolvedComplaints.map((c) => c.reason).join(', ')}`,
      facts: {
        complaintSubject: unresolvedComplaints[0].subject ?? 'the earlier issue',
      },
    });
  }

  return {
    recentContacts: {
      count: contacts.length,
      windowDays: options.windowDays,
      contacts,
    },
    waiting,
    longestWait,
    channelSwitches,
    openPromises,
    previousNegative,
    unresolvedComplaints,
    signals,
  };
}

/**
 * Times the customer reached out, rather than answered us: an inbound message starts a contact when it
 * opens a conversation, comes on another channel than the previous one, or chases us (we had not
 * replied, and it is more than `burstGapMinutes` after their last message). A reply to our answer, or
 * a burst of chat lines, continues the contact.
 */
function customerContacts(messages: readonly HistoryMessage[], options: HistoryOptions): CustomerContact[] {
  const contacts: CustomerContact[] = [];
  const lastInbound = new Map<string, HistoryMessage>();
  const lastOutboundAt = new Map<string, Date>();
  for (const message of messages) {
    if (message.direction === 'outbound') lastOutboundAt.set(message.conversationId, message.at);
    if (message.direction !== 'inbound') continue;
    const previous = lastInbound.get(message.conversationId);
    const repliedSince = previous && (lastOutboundAt.get(message.conversationId) ?? new Date(0)) > previous.at;
    const startsContact =
      !previous || previous.channel !== message.channel || (!repliedSince && hoursBetween(previous.at, message.at) * 60 >= options.burstGapMinutes);
    if (startsContact)
      contacts.push({
        conversationId: message.conversationId,
        channel: message.channel,
        at: message.at,
      });
    lastInbound.set(message.conversationId, message);
  }
  return contacts;
}

/** Each stretch where the customer waited for us in a conversation: from their first unanswered message to our next answer (or now). */
function waitsForAnswer(messages: readonly HistoryMessage[], now: Date, options: HistoryOptions): Wait[] {
  const open = new Map<string, HistoryMessage>();
  const waits: Wait[] = [];
  const close = (first: HistoryMessage, answeredAt: Date | null) => {
    const hours = hoursBetween(first.at, answeredAt ?? now);
    const started = `${channelName(first.channel)} of ${formatMoment(first.at, options.timeZone)}`;
    waits.push({
      conversationId: first.conversationId,
      channel: first.channel,
      since: first.at,
      hours,
      answeredAt,
      reason: answeredAt ? `waited ${formatDuration(hours)} for an answer to the ${started}` : `waiting ${formatDuration(hours)} since the ${started}`,
    });
  };
  for (const message of messages) {
    const first = open.get(message.conversationId);
    if (message.direction === 'inbound' && !first) open.set(message.conversationId, message);
    if (message.direction === 'outbound' && first) {
      close(first, message.at);
      open.delete(message.conversationId);
    }
  }
  for (const first of open.values()) close(first, null);
  return waits;
}

/** The customer tried another channel after an unanswered one went quiet for a while (email unanswered → tweet). */
function switchesAfterSilence(messages: readonly HistoryMessage[], options: HistoryOptions): ChannelSwitch[] {
  const switches: ChannelSwitch[] = [];
  let unanswered: HistoryMessage[] = [];
  for (const message of messages) {
    if (message.direction === 'outbound') unanswered = [];
    if (message.direction !== 'inbound') continue;
    const last = unanswered[unanswered.length - 1];
    if (last && last.channel !== message.channel) {
      const first = unanswered.find((m) => m.channel === last.channel) ?? last;
      const silentHours = hoursBetween(first.at, message.at);
      if (silentHours >= options.switchSilenceHours) {
        switches.push({
          from: first.channel,
          to: message.channel,
          fromAt: first.at,
          at: message.at,
          silentHours,
          reason: `${channelVerb(first.channel)} ${formatMoment(first.at, options.timeZone)}, no answer for ${formatDuration(silentHours)}, then ${channelVerb(message.channel)}`,
        });
      }
    }
    unanswered.push(message);
  }
  return switches;
}

function findOpenPromises(messages: readonly HistoryMessage[], recorded: readonly MadePromise[], now: Date, options: HistoryOptions): OpenPromise[] {
  const detected: MadePromise[] = messages
    .filter((message) => message.direction === 'outbound' && message.text)
    .flatMap((message) =>
      detectPromises(message.text ?? '').map((promise) => ({
        kind: promise.kind,
        madeAt: message.at,
        text: message.text ?? '',
        conversationId: message.conversationId,
      })),
    );
  const isDuplicate = (promise: MadePromise) => detected.some((other) => other.kind === promise.kind && other.madeAt.getTime() === promise.madeAt.getTime());
  return [...detected, ...recorded.filter((promise) => !isDuplicate(promise))]
    .filter((promise) => !messages.some((message) => keepsPromise(promise, message)))
    .sort((a, b) => a.madeAt.getTime() - b.madeAt.getTime())
    .map((promise) => {
      const ageHours = hoursBetween(promise.madeAt, now);
      return {
        ...promise,
        ageHours,
        reason: `${promise.kind} promised ${formatMoment(promise.madeAt, options.timeZone)} (${formatDuration(ageHours)} ago), not kept yet: "${excerpt(promise.text)}"`,
      };
    });
}

function negativeConversations(input: HistoryInput, messages: readonly HistoryMessage[], options: HistoryOptions): PastConversation[] {
  return input.conversations
    .filter((conversation) => conversation.id !== input.currentConversationId)
    .filter((conversation) => hoursBetween(conversation.createdAt, input.now) <= options.negativeLookbackDays * DAY_HOURS)
    .flatMap((conversation) => {
      // Without a stored conversation sentiment, the customer's last scored message in it stands in.
      const sentiment =
        conversation.lastSentiment ??
        messages.filter((m) => m.conversationId === conversation.id && m.direction === 'inbound' && m.sentimentScore !== undefined).pop()?.sentimentScore;
      if (sentiment === undefined || sentiment > options.negativeSentiment) return [];
      const subject = conversation.subject ?? null;
      const { status } = conversation;
      const when = status === 'resolved' && conversation.resolvedAt ? ` ${formatMoment(conversation.resolvedAt, options.timeZone)}` : '';
      return [
        {
          conversationId: conversation.id,
          subject,
          status,
          sentiment,
          reason: `"${subject ?? '(no subject)'}" (${status}${when}, sentiment ${sentiment.toFixed(2)})`,
        },
      ];
    });
}

function excerpt(text: string, maxLength = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}
