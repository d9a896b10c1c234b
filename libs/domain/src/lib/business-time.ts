/**
 * Business-time arithmetic for SLA due times: pure functions over a weekly schedule in an IANA
 * time zone (Intl.DateTimeFormat does the zone arithmetic, DST included), holidays and pauses.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Open intervals per weekday, local wall time "HH:MM" (end may be "24:00"), sorted, not overlapping. */
export type WeeklyHours = Partial<Record<Weekday, Array<[string, string]>>>;

export interface BusinessSchedule {
  timezone: string;
  weekly: WeeklyHours;
  /** Whole local days closed, "YYYY-MM-DD". */
  holidays: string[];
}

/** A span the clock does not run (pending on the customer, snoozed); `end` null while it lasts. */
export interface ClockPause {
  start: Date;
  end: Date | null;
}

const MINUTE_MS = 60_000;
/** How far ahead a due time is looked for before we call the schedule closed for good. */
const MAX_DAYS_SCANNED = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function isTimeZone(value: string): boolean {
  try {
    formatter(value);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(timezone: string, at: number): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as unknown as LocalParts;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
export function timeZoneOffsetAt(timezone: string, at: number): number {
  const p = localParts(timezone, at);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a local wall time happens. A wall time skipped by a DST change (01:30 on the
 * morning clocks go forward) lands the same distance after the gap, as a wall clock would.
 */
function localToInstant(timezone: string, year: number, month: number, day: number, minuteOfDay: number): number {
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * MINUTE_MS;
  const first = wall - timeZoneOffsetAt(timezone, wall);
  return wall - timeZoneOffsetAt(timezone, first);
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function minuteOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h as number) * 60 + (m as number);
}

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** What is wrong with a schedule, naming the field ("weekly.mon[1]: …"), or null when it is valid. */
export function scheduleProblem(input: { timezone?: unknown; weekly?: unknown; holidays?: unknown }): string | null {
  if (input.timezone !== undefined && (typeof input.timezone !== 'string' || !isTimeZone(input.timezone))) {
    return `timezone: ${String(input.timezone)} is not an IANA time zone (e.g. Europe/London)`;
  }
  if (input.weekly !== undefined) {
    if (typeof input.weekly !== 'object' || input.weekly === null || Array.isArray(input.weekly))
      return 'weekly: must be an object like { "mon": [["09:00", "17:00"]] }';
    for (const [day, intervals] of Object.entries(input.weekly)) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) return `weekly.${day}: not a weekday (${WEEKDAYS.join(', ')})`;
      if (!Array.isArray(intervals)) return `weekly.${day}: must be a list of ["HH:MM", "HH:MM"] intervals`;
      let previousEnd = -1;
      for (const [i, interval] of intervals.entries()) {
        const field = `weekly.${day}[${i}]`;
        if (!Array.isArray(interval) || interval.length !== 2 || !interval.every((t) => typeof t === 'string' && TIME.test(t))) {
          return `${field}: must be ["HH:MM", "HH:MM"] in 24-hour time ("24:00" ends the day)`;
        }
        const [start, end] = (interval as [string, string]).map(minuteOfDay) as [number, number];
        if (start === 24 * 60) return `${field}: "24:00" can only end an interval`;
        if (end <= start)
          return `${field}: ${interval[0]}-${interval[1]} must end after it starts; split a night shift at "24:00" (e.g. mon 22:00-24:00 and tue 00:00-06:00)`;
        if (start < previousEnd) return `${field}: overlaps or comes before the interval before it; list intervals in order`;
        previousEnd = end;
      }
    }
  }
  if (input.holidays !== undefined) {
    if (!Array.isArray(input.holidays)) return 'holidays: must be a list of "YYYY-MM-DD" dates';
    for (const [i, day] of input.holidays.entries()) {
      if (typeof day !== 'string' || !isDate(day)) return `holidays[${i}]: ${String(day)} is not a date (YYYY-MM-DD)`;
    }
  }
  return null;
}

/** The schedule's open spans from `from` onwards, in order, as [start, end) instants. */
function* openSpans(schedule: BusinessSchedule | null, from: number): Generator<[number, number]> {
  if (!schedule) {
    yield [from, Infinity];
    return;
  }
  const holidays = new Set(schedule.holidays);
  const start = localParts(schedule.timezone, from);
  for (let i = -1; i < MAX_DAYS_SCANNED; i++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (holidays.has(date.toISOString().slice(0, 10))) continue;
    for (const [open, close] of schedule.weekly[WEEKDAYS[date.getUTCDay()] as Weekday] ?? []) {
      const spanStart = localToInstant(schedule.timezone, year, month, day, minuteOfDay(open));
      const spanEnd = localToInstant(schedule.timezone, year, month, day, minuteOfDay(close));
      if (spanEnd > from && spanEnd > spanStart) yield [Math.max(spanStart, from), spanEnd];
    }
  }
}

/** The schedule's open spans that start before `to`, from `from` on, as [start, end) epoch ms: a calendar to measure many durations against. */
export function openSpansBetween(schedule: BusinessSchedule, from: Date, to: Date): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const span of openSpans(schedule, from.getTime())) {
    if (span[0] >= to.getTime()) break;
    spans.push(span);
  }
  return spans;
}

/** Open spans with the pauses cut out. */
function* runningSpans(schedule: BusinessSchedule | null, from: number, pauses: ClockPause[]): Generator<[number, number]> {
  const cuts = pauses.map((p) => [p.start.getTime(), p.end?.getTime() ?? Infinity] as const).sort((a, b) => a[0] - b[0]);
  for (const [open, close] of openSpans(schedule, from)) {
    let cursor = open;
    for (const [pauseStart, pauseEnd] of cuts) {
      if (pauseEnd <= cursor || pauseStart >= close) continue;
      if (pauseStart > cursor) yield [cursor, pauseStart];
      cursor = Math.max(cursor, pauseEnd);
      if (cursor >= close) break;
    }
    if (cursor < close) yield [cursor, close];
    // A pause without end stops the clock for good, as does a schedule with no open hours.
    if (cursor === Infinity) return;
  }
}

/**
 * The instant `minutes` of running business time after `start`; null when the clock will not get
 * there (paused with no end yet, or a schedule without open hours).
 */
export function addBusinessMinutes(start: Date, minutes: number, schedule: BusinessSchedule | null, pauses: ClockPause[] = []): Date | null {
  let remaining = minutes * MINUTE_MS;
  for (const [open, close] of runningSpans(schedule, start.getTime(), pauses)) {
    if (close - open >= remaining) return new Date(open + remaining);
    remaining -= close - open;
  }
  return null;
}

/** Running business minutes between two instants (0 when `end` is not after `start`). */
export function businessMinutesBetween(start: Date, end: Date, schedule: BusinessSchedule | null, pauses: ClockPause[] = []): number {
  let total = 0;
  const until = end.getTime();
  for (const [open, close] of runningSpans(schedule, start.getTime(), pauses)) {
    if (open >= until) break;
    total += Math.min(close, until) - open;
  }
  return total / MINUTE_MS;
}
