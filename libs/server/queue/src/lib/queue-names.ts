import { CAPPED_EXPONENTIAL, type RetrySchedule } from './retry-schedule';

/** Every BullMQ queue; the key prefix carries a hash tag so a Redis Cluster keeps each queue on one slot. */
export enum QueueName {
  Ingest = 'ingest',
  Deliver = 'deliver',
  /** Connectors we read from (IMAP mailboxes, social timelines): one job scheduler per connector. */
  Poll = 'poll',
  /** Insights after each inbound message, and the association rules behind cross-sell. */
  Enrich = 'enrich',
  /** Customer surveys: one delayed job per resolution, re-checked when it runs. */
  Survey = 'survey',
  /** Routing: hands a queue's waiting conversations to online members with room. */
  Route = 'route',
}

/** BullMQ key prefix for a REDIS_PREFIX; the braces make it a Redis Cluster hash tag. */
export const queuePrefix = (redisPrefix: string) => `{${redisPrefix}}`;

/** Socket.IO adapter/emitter channel key for a REDIS_PREFIX. */
export const socketIoKey = (redisPrefix: string) => `${redisPrefix}:socket.io`;

/** Redis pub/sub channel on which RealtimePublisher says "something changed" (what the wallboard's push listens to). */
export const changesChannel = (redisPrefix: string) => `${redisPrefix}:changes`;

export interface IngestJobData {
  rawEventId: string;
}

export interface DeliverJobData {
  messageId: string;
}

export interface PollJobData {
  connectorId: string;
}

export interface EnrichJobData {
  conversationId: string;
  /** The inbound message that triggered it; also the job id, so a redelivery is a no-op. */
  messageId: string;
}

/** Job name on the deliver queue: the delayed re-check that emails a chat reply the visitor has not seen. */
export const CHAT_OFFLINE_EMAIL_JOB = 'chat-offline-email';

export interface SurveyJobData {
  conversationId: string;
  /** The resolution it follows (ISO); a reopen or a later resolution makes this job a no-op. */
  resolvedAt: string;
}

/** Job id of the survey after one resolution: a second add for the same resolution is a no-op. */
export const surveyJobId = (data: SurveyJobData) => `survey-${data.conversationId}-${new Date(data.resolvedAt).getTime()}`;

/** Job names on the enrich queue. */
export const ENRICH_JOB = 'enrich';
export const ASSOCIATIONS_JOB = 'associations';
/** Job scheduler id of the nightly association mining. */
export const ASSOCIATIONS_SCHEDULER_ID = 'associations-nightly';

export interface RouteJobData {
  queueId: string;
}

export const ROUTE_JOB = 'route';

/** Job name on the route queue: an agent went offline; their open conversations in a queue that says so go back to routing. */
export const HAND_BACK_JOB = 'hand-back';

export interface HandBackJobData {
  queueId: string;
  userId: string;
}
/**
 * While a queue's route job waits, more triggers add nothing (it will see their changes); the
 * processor drops this key when it starts, so a trigger during a run queues the next run.
 */
export const routeDeduplicationId = (queueId: string) => `route:${queueId}`;

/** Job scheduler id of a connector's poller. */
export const pollSchedulerId = (connectorId: string) => `poll:${connectorId}`;

/** Best-effort jobs (insights): a few retries with exponential backoff; failures are kept for admins, successes are trimmed. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 10_000 },
} as const;

/**
 * Ingest and delivery: retried on the capped exponential schedule (the worker computes each wait
 * with `retryDelayMs`), so a job outlasts a long database or Redis outage instead of failing.
 */
export function durableJobOptions(schedule: RetrySchedule) {
  return { ...DEFAULT_JOB_OPTIONS, attempts: schedule.attempts, backoff: { type: CAPPED_EXPONENTIAL } };
}
