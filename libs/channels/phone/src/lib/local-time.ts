import { isTimeZone, timeZoneOffsetAt } from '@throughline/domain';

/** Throws a RangeError naming the zone when it is no IANA time zone the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`timeZone "${timeZone}" is not an IANA time zone (e.g. "Europe/Berlin")`);
}

/**
 * The instant a `YYYY-MM-DD HH:MM:SS` wall-clock time (no zone) denotes in `timeZone`, or undefined
 * when the text is no such date. A time repeated or skipped by a DST change gets one of the zone's
 * two offsets around the change.
 */
export function parseLocalDateTime(value: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const firstGuess = asUtc - timeZoneOffsetAt(timeZone, asUtc);
  return new Date(asUtc - timeZoneOffsetAt(timeZone, firstGuess));
}
