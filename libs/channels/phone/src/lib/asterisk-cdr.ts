import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { NormalizedMessage } from '@throughline/domain';
import { buildCallMessage, CALL_RANK, type CallContext, type CallOutcome } from './call';
import { assertTimeZone, parseLocalDateTime } from './local-time';

/*
 * Asterisk CDR CSV (`/var/log/asterisk/cdr-csv/Master.csv`, no header row). Two writers produce it:
 * - cdr_csv (asterisk cdr/cdr_csv.c): accountcode first, then uniqueid and userfield when
 *   loguniqueid/loguserfield are on, then peeraccount, linkedid, sequence with newcdrcolumns;
 * - cdr_custom with the `Master.csv =>` mapping of cdr_custom.conf.sample: clid first, sequence last.
 * The layout is recognised per row from its column count and where a disposition sits, so a file
 * written before and after a configuration change still imports.
 */

const CDR_CSV_BASE = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
] as const;
const NEW_CDR_COLUMNS = ['peeraccount', 'linkedid', 'sequence'] as const;

const LAYOUTS: ReadonlyArray<readonly string[]> = [
  [
    'clid',
    'src',
    'dst',
    'dcontext',
    'channel',
    'dstchannel',
    'lastapp',
    'lastdata',
    'start',
    'answer',
    'end',
    'duration',
    'billsec',
    'disposition',
    'amaflags',
    'accountcode',
    'uniqueid',
    'userfield',
    'sequence',
  ],
  CDR_CSV_BASE,
  [...CDR_CSV_BASE, 'uniqueid'],
  [...CDR_CSV_BASE, 'userfield'],
  [...CDR_CSV_BASE, 'uniqueid', 'userfield'],
  [...CDR_CSV_BASE, ...NEW_CDR_COLUMNS],
  [...CDR_CSV_BASE, 'uniqueid', ...NEW_CDR_COLUMNS],
  [...CDR_CSV_BASE, 'userfield', ...NEW_CDR_COLUMNS],
  [...CDR_CSV_BASE, 'uniqueid', 'userfield', ...NEW_CDR_COLUMNS],
];
const COLUMN_COUNTS = [...new Set(LAYOUTS.map((l) => l.length))].sort((a, b) => a - b);

const DISPOSITIONS: Record<string, CallOutcome> = {
  ANSWERED: 'answered',
  'NO ANSWER': 'missed',
  BUSY: 'busy',
  FAILED: 'failed',
  CONGESTION: 'failed',
};

// `1690325492.2`, or `<systemname>-1690325492.2` when asterisk.conf sets systemname.
const UNIQUEID = /^([\w.-]+-)?\d+\.\d+$/;

export interface AsteriskCdrContext extends CallContext {
  /**
   * The zone of the PBX's clock: Asterisk writes start/answer/end as local `YYYY-MM-DD HH:MM:SS`
   * without a zone (unless `usegmtime=yes`, which is UTC). An IANA name; default `UTC`.
   */
  timeZone?: string;
  /**
   * Dialplan contexts (`dcontext`) of calls our agents place (e.g. `from-internal` on FreePBX):
   * those are outbound and the customer is `dst`. Every other row is inbound, customer `src`.
   */
  outboundContexts?: string[];
}

export interface CdrImportResult {
  calls: NormalizedMessage[];
  /** Rows that could not be imported, by 1-based line number of the file. */
  errors: Array<{ line: number; reason: string }>;
}

/**
 * Imports a CDR file. Every valid row becomes one call (a final state: rank CALL_RANK.final); an
 * invalid row is reported with its line and never costs the others. externalId is `uniqueid`, or
 * a hash of the row's fields without one, so importing the same file again gives the same ids.
 * Rows are read line by line: CDR fields hold no line breaks in practice, and a line with a broken
 * quote must not swallow the lines after it (as it would in one parse of the whole file).
 */
export function parseAsteriskCdrCsv(csv: string, ctx: AsteriskCdrContext): CdrImportResult {
  const timeZone = ctx.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const result: CdrImportResult = { calls: [], errors: [] };
  let header: string[] | undefined;
  let firstRow = true;
  csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((text, index) => {
      const line = index + 1;
      if (!text.trim()) return;
      let fields: string[];
      try {
        fields = (parse(text) as string[][])[0] ?? [];
      } catch (err) {
        result.errors.push({ line, reason: `not a CSV row: ${(err as Error).message}` });
        return;
      }
      // An exported file may start with a header row naming its columns; use it as the layout.
      if (firstRow) {
        firstRow = false;
        if (isHeader(fields)) {
          header = fields.map((f) => f.trim().toLowerCase());
          return;
        }
      }
      const row = readRow(fields, header);
      if (typeof row === 'string') {
        result.errors.push({ line, reason: row });
        return;
      }
      const call = callOf(row, fields, { ...ctx, timeZone });
      if (typeof call === 'string') result.errors.push({ line, reason: call });
      else result.calls.push(call);
    });
  return result;
}

function isHeader(fields: string[]): boolean {
  const names = new Set(fields.map((f) => f.trim().toLowerCase()));
  return names.has('disposition') && names.has('src') && names.has('start');
}

type CdrRow = Record<string, string>;

/** The row's fields by column name, or why its layout is not recognised. */
function readRow(fields: string[], header: string[] | undefined): CdrRow | string {
  const toRow = (columns: readonly string[]): CdrRow => Object.fromEntries(columns.map((name, i) => [name, fields[i] ?? '']));
  if (header) {
    return fields.length === header.length ? toRow(header) : `has ${fields.length} columns; the header row has ${header.length}`;
  }
  const candidates = LAYOUTS.filter((layout) => layout.length === fields.length).map(toRow);
  if (!candidates.length) {
    return `has ${fields.length} columns; expected an Asterisk CDR layout of ${COLUMN_COUNTS.join(', ')} columns`;
  }
  const fits = (row: CdrRow) => normalizeDisposition(row['disposition']) in DISPOSITIONS && (row['uniqueid'] === undefined || UNIQUEID.test(row['uniqueid']));
  return candidates.find(fits) ?? candidates[0];
}

function normalizeDisposition(value: string | undefined): string {
  return (value ?? '').trim().toUpperCase();
}

function callOf(row: CdrRow, fields: string[], ctx: AsteriskCdrContext & { timeZone: string }): NormalizedMessage | string {
  const disposition = normalizeDisposition(row['disposition']);
  const outcome = DISPOSITIONS[disposition];
  if (!outcome) return `disposition: unknown value "${row['disposition'] ?? ''}" (expected ANSWERED, NO ANSWER, BUSY, FAILED or CONGESTION)`;
  const src = (row['src'] ?? '').trim();
  const dst = (row['dst'] ?? '').trim();
  if (!src) return 'src: empty (no calling party)';
  if (!dst) return 'dst: empty (no called party)';

  const dates: Partial<Record<'start' | 'answer' | 'end', Date>> = {};
  for (const field of ['start', 'answer', 'end'] as const) {
    const value = (row[field] ?? '').trim();
    if (!value) {
      if (field === 'start') return 'start: empty';
      continue;
    }
    const date = cdrDate(value, ctx.timeZone);
    if (!date) return `${field}: "${value}" is not a YYYY-MM-DD HH:MM:SS date`;
    dates[field] = date;
  }
  const answered = outcome === 'answered';
  const direction = ctx.outboundContexts?.includes((row['dcontext'] ?? '').trim()) ? 'outbound' : 'inbound';
  const uniqueid = (row['uniqueid'] ?? '').trim();
  const seconds = ((answered ? row['billsec'] : row['duration']) ?? '').trim();
  return buildCallMessage(
    {
      callId: uniqueid || `cdr-${createHash('sha256').update(fields.join('\u001f')).digest('hex').slice(0, 32)}`,
      provider: 'asterisk',
      direction,
      from: src,
      to: dst,
      status: disposition,
      outcome,
      progress: CALL_RANK.final,
      startedAt: dates.start?.toISOString(),
      answeredAt: answered ? dates.answer?.toISOString() : undefined,
      endedAt: dates.end?.toISOString(),
      durationSeconds: /^\d+$/.test(seconds) ? Number(seconds) : undefined,
      agent: direction === 'inbound' ? dst : src,
    },
    CALL_RANK.final,
    ctx,
    { authorName: direction === 'inbound' ? callerIdName(row['clid']) : undefined },
  );
}

/** Local `YYYY-MM-DD HH:MM:SS`, or unix seconds (what a cdr_custom mapping with `${CDR(start,u)}` writes). */
function cdrDate(value: string, timeZone: string): Date | undefined {
  return /^\d{9,11}(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : parseLocalDateTime(value, timeZone);
}

/** `"Alice" <100>` → `Alice`; an empty or missing name → undefined. */
function callerIdName(clid: string | undefined): string | undefined {
  const match = /^\s*"?(.*?)"?\s*<[^>]*>\s*$/.exec(clid ?? '');
  return match?.[1]?.trim() || undefined;
}
