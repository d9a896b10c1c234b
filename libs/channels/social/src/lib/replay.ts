import { dateFromEpoch, isStale } from './social-message';
import type { MetaWebhook } from './meta/webhook';
import type { XActivity } from './x/activity';

/** How old the newest event of a signed X or Meta delivery may be before we refuse it as a replay. */
export const DEFAULT_MAX_EVENT_AGE_MINUTES = 24 * 60;

/** The times X wrote into a delivery: each tweet's timestamp_ms (or created_at) and each direct message's created_timestamp. */
export function xDeliveryTimes(activity: XActivity): Date[] {
  const tweets = (activity.tweet_create_events ?? []).map((t) => new Date(t.timestamp_ms ? Number(t.timestamp_ms) : t.created_at));
  const directMessages = (activity.direct_message_events ?? []).map((e) => new Date(Number(e.created_timestamp)));
  return [...tweets, ...directMessages].filter((d) => !Number.isNaN(d.getTime()));
}

/** The times Meta wrote into a delivery: each entry's `time` and each Messenger event's `timestamp`. */
export function metaDeliveryTimes(webhook: MetaWebhook): Date[] {
  return webhook.entry.flatMap((entry) => [
    ...(entry.time !== undefined ? [dateFromEpoch(entry.time)] : []),
    ...(entry.messaging ?? []).flatMap((m) => (m.timestamp !== undefined ? [dateFromEpoch(m.timestamp)] : [])),
  ]);
}

/**
 * Why a signed delivery is refused as a replay, or null to accept it: refused when it carries
 * dated events and every one is older than `maxAgeMinutes` (see the note above `isStale`).
 * `maxAgeMinutes` 0 turns the check off. Undated deliveries pass; externalId dedupe covers them.
 */
export function staleDeliveryReason(times: Date[], now: Date, maxAgeMinutes: number): string | null {
  if (maxAgeMinutes <= 0 || times.length === 0) return null;
  if (!times.every((t) => isStale(t, now, maxAgeMinutes * 60_000))) return null;
  const newest = new Date(Math.max(...times.map((t) => t.getTime())));
  return `every event in this delivery is older than ${maxAgeMinutes} minutes (the newest is from ${newest.toISOString()}): refused as a replayed or stale delivery`;
}
