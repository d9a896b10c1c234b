import type { ChannelKind } from './channel';

/**
 * Customer surveys after a resolution (issue 12, item 2): which survey a resolved conversation
 * gets, through which channel, and how its answers are checked. Pure; the clock is passed in.
 */
export const SURVEY_KINDS = ['csat', 'ces', 'nps'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** `GET/PATCH /api/settings/surveys`: one set per workspace. */
export interface SurveySettingsView {
  /** `delaySeconds` waits for a reopen before the survey goes out (0: at once); it applies to the whole survey. */
  csat: { enabled: boolean; delaySeconds: number; question: string };
  ces: { enabled: boolean; question: string };
  nps: { enabled: boolean; intervalDays: number; question: string };
}

export const SURVEY_LIMITS = {
  /** A survey can be answered, and its answers changed, this long after it was sent. */
  answerWindowDays: 7,
  maxDelaySeconds: 7 * 24 * 3600,
  maxIntervalDays: 3650,
  maxQuestionLength: 300,
  maxCommentLength: 2000,
  scales: { csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 }, nps: { min: 0, max: 10 } },
} as const;

/** Off until an admin turns a kind on: an upgrade never starts writing to customers by itself. */
export const DEFAULT_SURVEY_SETTINGS: SurveySettingsView = {
  csat: { enabled: false, delaySeconds: 300, question: 'How satisfied are you with the help you got?' },
  ces: { enabled: false, question: 'How easy was it to get help?' },
  nps: { enabled: false, intervalDays: 90, question: 'How likely are you to recommend us to a friend or colleague?' },
};

/**
 * How the survey reaches the customer on the channel of their last message: a link in the reply
 * (email, webhook callback, social), a 1–5 rating inside the chat widget, nothing on the phone
 * (a call leaves nowhere to put a link).
 */
export type SurveyDelivery = 'link' | 'inline';

export function surveyDeliveryFor(channel: ChannelKind): SurveyDelivery | null {
  switch (channel) {
    case 'chat':
      return 'inline';
    case 'email':
    case 'generic':
    case 'social':
      return 'link';
    case 'phone':
      return null;
  }
}

/** Conversation insights' emotions that make a customer angry (as the cross-sell timing reads them). */
export const ANGRY_EMOTIONS: readonly string[] = ['anger', 'annoyance'];
/** At or below this sentiment score a customer counts as angry even without an emotion label. */
export const ANGRY_SENTIMENT = -0.5;

export function isAngry(mood: { sentiment: { score: number }; emotions: ReadonlyArray<{ label: string }> } | null): boolean {
  if (!mood) return false;
  return mood.sentiment.score <= ANGRY_SENTIMENT || mood.emotions.some((emotion) => ANGRY_EMOTIONS.includes(emotion.label));
}

export interface SurveyEligibilityInput {
  settings: SurveySettingsView;
  /** The resolution the survey was scheduled for. */
  resolvedAt: Date;
  /** The conversation as it is now. */
  conversation: { status: string; resolvedAt: Date | null };
  alreadySurveyed: boolean;
  /** When the customer was last sent an NPS question, on any conversation. */
  lastNpsAt: Date | null;
  customerAngry: boolean;
  /** An agent wrote to the customer in this conversation. */
  agentAnswered: boolean;
  /** The channel of the customer's last message in the conversation; null when they never wrote. */
  lastInboundChannel: ChannelKind | null;
  now: Date;
}

export type SurveyDecision =
  | { send: true; kinds: SurveyKind[]; delivery: SurveyDelivery }
  /** Not yet: the delay was lengthened after the survey was scheduled. */
  | { send: false; waitUntil: Date }
  | { send: false; reason: string };

const DAY_MS = 24 * 3600 * 1000;

/** Whether a resolved conversation gets its survey now, which kinds it asks, and how it goes out. */
export function decideSurvey(input: SurveyEligibilityInput): SurveyDecision {
  const { settings, conversation, now } = input;
  if (conversation.status !== 'resolved' || conversation.resolvedAt?.getTime() !== input.resolvedAt.getTime()) {
    return { send: false, reason: 'reopened (or resolved again later) since this resolution' };
  }
  if (input.alreadySurveyed) return { send: false, reason: 'this conversation was surveyed already' };
  if (input.customerAngry && !input.agentAnswered) return { send: false, reason: 'the customer was angry and nobody answered them' };
  if (!input.lastInboundChannel) return { send: false, reason: 'the customer never wrote in this conversation' };
  const delivery = surveyDeliveryFor(input.lastInboundChannel);
  if (!delivery) return { send: false, reason: `no survey on the ${input.lastInboundChannel} channel` };
  const kinds: SurveyKind[] = [];
  if (settings.csat.enabled) kinds.push('csat');
  if (settings.ces.enabled) kinds.push('ces');
  if (settings.nps.enabled && npsDue(input.lastNpsAt, settings.nps.intervalDays, now)) kinds.push('nps');
  if (!kinds.length) return { send: false, reason: 'no survey kind is enabled (or NPS was asked within its interval)' };
  const due = new Date(input.resolvedAt.getTime() + settings.csat.delaySeconds * 1000);
  if (due > now) return { send: false, waitUntil: due };
  return { send: true, kinds, delivery };
}

/** NPS at most once per `intervalDays` per customer. */
export function npsDue(lastNpsAt: Date | null, intervalDays: number, now: Date): boolean {
  return !lastNpsAt || now.getTime() - lastNpsAt.getTime() >= intervalDays * DAY_MS;
}

/** Answers are taken (and may be changed) for SURVEY_LIMITS.answerWindowDays after sending. */
export function surveyOpen(sentAt: Date, now: Date): boolean {
  return now.getTime() < sentAt.getTime() + SURVEY_LIMITS.answerWindowDays * DAY_MS;
}

export interface SurveyAnswerInput {
  csat?: number;
  ces?: number;
  nps?: number;
  comment?: string;
}

/**
 * The answers this survey accepts, or the field that is wrong: a kind the survey did not ask is
 * refused, CSAT is required when it was asked (the rating is the survey; the rest is optional).
 */
export function checkSurveyAnswer(kinds: readonly SurveyKind[], answer: SurveyAnswerInput): { field: string; message: string } | null {
  for (const kind of SURVEY_KINDS) {
    const value = answer[kind];
    if (value === undefined) continue;
    if (!kinds.includes(kind)) return { field: kind, message: 'this survey does not ask it' };
    const { min, max } = SURVEY_LIMITS.scales[kind];
    if (!Number.isInteger(value) || value < min || value > max) return { field: kind, message: `must be a whole number from ${min} to ${max}` };
  }
  if (kinds.includes('csat') && answer.csat === undefined) return { field: 'csat', message: 'required (1 to 5)' };
  if (answer.comment !== undefined && answer.comment.length > SURVEY_LIMITS.maxCommentLength) {
    return { field: 'comment', message: `at most ${SURVEY_LIMITS.maxCommentLength} characters` };
  }
  return null;
}

/**
 * Stored in the survey message's text where the link goes: the token is put in only when the
 * message is sent, so agents reading the timeline never hold a customer's link.
 */
export const SURVEY_LINK_PLACEHOLDER = '{survey link}';

export function surveyInvitationText(settings: SurveySettingsView, kinds: readonly SurveyKind[], delivery: SurveyDelivery): string {
  const question = kinds.includes('csat') ? settings.csat.question : kinds.includes('ces') ? settings.ces.question : settings.nps.question;
  if (delivery === 'inline') return `${question} (1 = not at all, 5 = very)`;
  return `${question} Tell us in a few seconds: ${SURVEY_LINK_PLACEHOLDER}`;
}

/** One line for the timeline: "Survey answered: CSAT 4/5, CES 6/7, NPS 9/10 — “Quick and kind”". */
export function surveyAnswerLine(answer: SurveyAnswerInput, changed: boolean): string {
  const scores = SURVEY_KINDS.filter((kind) => answer[kind] !== undefined).map(
    (kind) => `${kind.toUpperCase()} ${answer[kind]}/${SURVEY_LIMITS.scales[kind].max}`,
  );
  const comment = answer.comment?.trim() ? ` — “${answer.comment.trim()}”` : '';
  return `${changed ? 'Survey answer changed' : 'Survey answered'}: ${scores.join(', ') || 'no rating'}${comment}`;
}

/** `POST /api/surveys/:token` (JSON): the answers as recorded. */
export interface SurveyAnswerView {
  csat: number | null;
  ces: number | null;
  nps: number | null;
  comment: string | null;
  answeredAt: string;
  /** Answers may be changed until then. */
  changeableUntil: string;
}
