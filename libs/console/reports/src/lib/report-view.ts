import type { ReportFigures, ReportGroupBy, ReportRowView, ReportSummaryView } from '@throughline/domain';
import type { ChartSpec } from './report-chart/report-chart.component';

const DAY_MS = 86_400_000;

/** A duration as a person reads it: "45 s", "12 min", "3.5 h", "2.1 d"; "—" when nothing was measured. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${trim(seconds / 3600)} h`;
  return `${trim(seconds / 86_400)} d`;
}

const trim = (value: number) => (Math.round(value * 10) / 10).toString();

export function formatPct(value: number | null): string {
  return value === null ? '—' : `${trim(value)}%`;
}

export function formatNumber(value: number | null): string {
  return value === null ? '—' : trim(value);
}

/** The default range: the last 14 days, today included, as inclusive UTC dates (YYYY-MM-DD). */
export function defaultRange(now: Date): { from: string; to: string } {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return { from: isoDay(today - 13 * DAY_MS), to: isoDay(today) };
}

/** The API's exclusive end for an inclusive last day. */
export function dayAfter(day: string): string {
  return isoDay(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Short labels for the x axis: days as "Mar 2", weeks as "wk Mar 2", the others as they are named. */
function axisLabel(row: ReportRowView, groupBy: ReportGroupBy): string {
  if (groupBy !== 'day' && groupBy !== 'week') return row.label;
  const day = new Date(`${row.key}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return groupBy === 'week' ? `wk ${day}` : day;
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

/** The two charts of a report: volume (new, resolved, reopened) and times (medians and p90, in minutes). */
export function reportCharts(report: ReportSummaryView): { volume: ChartSpec; times: ChartSpec } {
  const labels = report.rows.map((row) => axisLabel(row, report.groupBy));
  const overTime = report.groupBy === 'day' || report.groupBy === 'week';
  const pick = (get: (row: ReportFigures) => number | null) => report.rows.map(get);
  return {
    volume: {
      type: 'bar',
      title: 'Volume',
      yTitle: 'conversations',
      labels,
      datasets: [
        { label: 'New', data: pick((r) => r.conversations), color: '#2563eb' },
        { label: 'Resolved', data: pick((r) => r.resolved), color: '#16a34a' },
        { label: 'Reopened', data: pick((r) => r.reopened), color: '#f59e0b' },
      ],
    },
    times: {
      type: overTime ? 'line' : 'bar',
      title: 'Response and resolution times',
      yTitle: 'minutes',
      labels,
      datasets: [
        { label: 'First response (median)', data: pick((r) => minutes(r.firstResponseMedianSeconds)), color: '#7c3aed' },
        { label: 'First response (p90)', data: pick((r) => minutes(r.firstResponseP90Seconds)), color: '#c4b5fd' },
        { label: 'Resolution (median)', data: pick((r) => minutes(r.resolutionMedianSeconds)), color: '#0891b2' },
      ],
    },
  };
}

/** The headline figures of the totals, as tiles. */
export function headlineFigures(totals: ReportFigures): Array<{ label: string; value: string; note: string }> {
  return [
    { label: 'Conversations', value: String(totals.conversations), note: `${totals.resolved} resolved · ${totals.reopened} reopened` },
    {
      label: 'First response',
      value: formatDuration(totals.firstResponseMedianSeconds),
      note: `median · p90 ${formatDuration(totals.firstResponseP90Seconds)}`,
    },
    { label: 'Resolution', value: formatDuration(totals.resolutionMedianSeconds), note: `median · p90 ${formatDuration(totals.resolutionP90Seconds)}` },
    { label: 'SLA met', value: formatPct(totals.slaMetPct), note: `reopen rate ${formatPct(totals.reopenRatePct)}` },
    { label: 'CSAT', value: formatPct(totals.csat.satisfiedPct), note: `${totals.csat.responses} answers rated 4–5 of 5` },
    {
      label: 'CES · NPS',
      value: `${formatNumber(totals.ces.average)} · ${formatNumber(totals.nps.score)}`,
      note: `${totals.ces.responses} CES · ${totals.nps.responses} NPS answers`,
    },
    {
      label: 'Contacts per issue',
      value: formatNumber(totals.contactsPerIssue.messages),
      note: `messages before resolution · ${formatNumber(totals.contactsPerIssue.channels)} channels`,
    },
  ];
}
