import type { ReportFigures, ReportSummaryView } from '@throughline/domain';
import { dayAfter, defaultRange, formatDuration, formatPct, headlineFigures, reportCharts } from './report-view';

const figures = (over: Partial<ReportFigures> = {}): ReportFigures => ({
  conversations: 4,
  resolved: 3,
  reopened: 1,
  reopenRatePct: 33.3,
  firstResponseMedianSeconds: 90,
  firstResponseP90Seconds: 600,
  resolutionMedianSeconds: 7200,
  resolutionP90Seconds: 200_000,
  nextResponseMedianSeconds: null,
  slaMetPct: 75,
  csat: { responses: 2, satisfiedPct: 50 },
  ces: { responses: 1, average: 6 },
  nps: { responses: 0, score: null },
  contactsPerIssue: { messages: 1.67, channels: 1.33 },
  ...over,
});

describe('report view', () => {
  it('formats durations as a person reads them', () => {
    expect([null, 42, 90, 5400, 200_000].map(formatDuration)).toEqual(['—', '42 s', '2 min', '1.5 h', '2.3 d']);
    expect(formatPct(66.66)).toBe('66.7%');
    expect(formatPct(null)).toBe('—');
  });

  it('defaults to the last 14 days, today included, and sends the day after as the exclusive end', () => {
    expect(defaultRange(new Date('2026-03-14T18:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-14' });
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
  });

  it('charts volume as bars and times in minutes, as a line over days and as bars over agents', () => {
    const report: ReportSummaryView = {
      from: '2026-03-02T00:00:00.000Z',
      to: '2026-03-04T00:00:00.000Z',
      groupBy: 'day',
      rows: [
        { key: '2026-03-02', label: '2026-03-02', ...figures() },
        { key: '2026-03-03', label: '2026-03-03', ...figures({ conversations: 0, resolved: 0, reopened: 0, firstResponseMedianSeconds: null }) },
      ],
      totals: figures(),
    };
    const { volume, times } = reportCharts(report);
    expect(volume.labels).toEqual(['2 Mar', '3 Mar']);
    expect(volume.datasets.map((d) => [d.label, d.data])).toEqual([
      ['New', [4, 0]],
      ['Resolved', [3, 0]],
      ['Reopened', [1, 0]],
    ]);
    expect(times.type).toBe('line');
    expect(times.datasets[0]?.data).toEqual([1.5, null]);
    const byAgent = reportCharts({ ...report, groupBy: 'agent', rows: [{ key: 'u1', label: 'Ada Agent', ...figures() }] });
    expect(byAgent.times.type).toBe('bar');
    expect(byAgent.volume.labels).toEqual(['Ada Agent']);
  });

  it('sums the totals up in tiles', () => {
    const tiles = headlineFigures(figures());
    expect(tiles.map((t) => [t.label, t.value])).toEqual([
      ['Conversations', '4'],
      ['First response', '2 min'],
      ['Resolution', '2 h'],
      ['SLA met', '75%'],
      ['CSAT', '50%'],
      ['CES · NPS', '6 · —'],
      ['Contacts per issue', '1.7'],
    ]);
  });
});
