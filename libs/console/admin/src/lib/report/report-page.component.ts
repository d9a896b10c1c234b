import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { describeHttpError, InsightsAdminApi } from '@throughline/console/data-access';
import type { InsightsReportView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { reportRates } from './report-figures';

export const REPORT_WINDOWS = [7, 30, 90] as const;

/** How cross-sell suggestions and empathy prompts are used, over the last 7, 30 or 90 days. */
@Component({
  selector: 'tl-report-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './report-page.component.html',
  styleUrls: ['../admin-screen.css', './report-page.component.css'],
})
export class ReportPageComponent {
  private readonly api = inject(InsightsAdminApi);

  protected readonly windows = REPORT_WINDOWS;
  protected readonly days = signal<number>(30);
  protected readonly report = signal<InsightsReportView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly rates = computed(() => {
    const r = this.report();
    return r ? reportRates(r) : [];
  });

  constructor() {
    void this.load();
  }

  choose(days: number): void {
    this.days.set(days);
    void this.load();
  }

  async load(): Promise<void> {
    const days = this.days();
    this.loading.set(true);
    this.error.set(null);
    try {
      const report = await firstValueFrom(this.api.report(days));
      // A slower answer for a window no longer chosen is dropped.
      if (days === this.days()) this.report.set(report);
    } catch (error) {
      if (days === this.days()) this.error.set(describeHttpError(error, 'The report could not be loaded.'));
    } finally {
      if (days === this.days()) this.loading.set(false);
    }
  }
}
