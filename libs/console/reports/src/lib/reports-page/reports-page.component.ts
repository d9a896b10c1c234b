import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { AuthStore, describeHttpError, type ReportQuery, ReportsApi, TeamStore } from '@throughline/console/data-access';
import { AppHeaderComponent } from '@throughline/console/ui';
import { CHANNEL_KINDS, type ChannelKind, REPORT_GROUP_BYS, type ReportGroupBy, type ReportSummaryView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { ReportChartComponent } from '../report-chart/report-chart.component';
import { dayAfter, defaultRange, formatDuration, formatNumber, formatPct, headlineFigures, reportCharts } from '../report-view';

const GROUP_LABELS: Record<ReportGroupBy, string> = { day: 'Day', week: 'Week', agent: 'Agent', queue: 'Queue', channel: 'Channel' };

/** Reports for team leads: how a period went, by day, week, agent, queue or channel, with the customers' verdict. */
@Component({
  selector: 'tl-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppHeaderComponent, ReportChartComponent],
  templateUrl: './reports-page.component.html',
  styleUrl: './reports-page.component.css',
})
export class ReportsPageComponent {
  protected readonly auth = inject(AuthStore);
  protected readonly team = inject(TeamStore);
  private readonly api = inject(ReportsApi);

  protected readonly groupBys = REPORT_GROUP_BYS.map((value) => ({ value, label: GROUP_LABELS[value] }));
  protected readonly channels = CHANNEL_KINDS;
  protected readonly from = signal(defaultRange(new Date()).from);
  protected readonly to = signal(defaultRange(new Date()).to);
  protected readonly groupBy = signal<ReportGroupBy>('day');
  protected readonly queueId = signal<string | null>(null);
  protected readonly channel = signal<ChannelKind | null>(null);
  protected readonly agentId = signal<string | null>(null);

  protected readonly report = signal<ReportSummaryView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly downloading = signal(false);
  protected readonly charts = computed(() => {
    const r = this.report();
    return r ? reportCharts(r) : null;
  });
  protected readonly headline = computed(() => {
    const r = this.report();
    return r ? headlineFigures(r.totals) : [];
  });
  protected readonly duration = formatDuration;
  protected readonly pct = formatPct;
  protected readonly number = formatNumber;
  /** Which load is current: a slower answer to an earlier choice is dropped. */
  private generation = 0;

  constructor() {
    void this.team.load();
    void this.load();
  }

  private query(): ReportQuery {
    return {
      from: this.from(),
      to: dayAfter(this.to()),
      groupBy: this.groupBy(),
      queueId: this.queueId(),
      channel: this.channel(),
      agentId: this.agentId(),
    };
  }

  protected setFrom(value: string): void {
    if (!value) return;
    this.from.set(value);
    if (this.to() < value) this.to.set(value);
    void this.load();
  }

  protected setTo(value: string): void {
    if (!value) return;
    this.to.set(value);
    if (this.from() > value) this.from.set(value);
    void this.load();
  }

  protected setGroupBy(value: string): void {
    this.groupBy.set(value as ReportGroupBy);
    void this.load();
  }

  protected setQueue(value: string): void {
    this.queueId.set(value || null);
    void this.load();
  }

  protected setChannel(value: string): void {
    this.channel.set((value || null) as ChannelKind | null);
    void this.load();
  }

  protected setAgent(value: string): void {
    this.agentId.set(value || null);
    void this.load();
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const report = await firstValueFrom(this.api.summary(this.query()));
      if (generation === this.generation) this.report.set(report);
    } catch (error) {
      if (generation === this.generation) this.error.set(describeHttpError(error, 'The report could not be loaded.'));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  async downloadCsv(): Promise<void> {
    const query = this.query();
    this.downloading.set(true);
    try {
      const blob = await firstValueFrom(this.api.summaryCsv(query));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `throughline-report-${query.from}-to-${this.to()}-by-${query.groupBy}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      this.error.set(describeHttpError(error, 'The CSV could not be downloaded.'));
    } finally {
      this.downloading.set(false);
    }
  }
}
