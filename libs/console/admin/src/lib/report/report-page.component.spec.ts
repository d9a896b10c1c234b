import { TestBed } from '@angular/core/testing';
import { InsightsAdminApi } from '@throughline/console/data-access';
import { PendingCalls } from '@throughline/console/data-access/testing';
import type { InsightsReportView } from '@throughline/domain';
import { ReportPageComponent } from './report-page.component';

const EMPTY: InsightsReportView = {
  days: 30,
  since: '2026-10-25T12:00:00.000Z',
  conversations: 0,
  conversationsWithSuggestions: 0,
  shown: 0,
  accepted: 0,
  dismissed: 0,
  converted: 0,
  suggestionRate: null,
  acceptanceRate: null,
  conversionRate: null,
  promptUses: 2,
};

describe('ReportPageComponent', () => {
  it('should show the 30-day report, null rates as – with why, and switch windows keeping only the latest answer', async () => {
    const report = new PendingCalls<[number], InsightsReportView>();
    TestBed.configureTestingModule({ providers: [{ provide: InsightsAdminApi, useValue: { report: report.fn } }] });
    const fixture = TestBed.createComponent(ReportPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[aria-label="Loading the report"]')).not.toBeNull();
    expect(report.last.args).toEqual([30]);
    await report.respond(EMPTY);
    await fixture.whenStable();
    const values = [...el.querySelectorAll('.rate .value')].map((v) => v.textContent);
    expect(values).toEqual(['–', '–', '–']);
    expect(el.querySelector('.rate .note')?.textContent).toBe('No conversation had insights computed in this window.');
    expect(el.querySelector('.counts')?.textContent).toContain('Phrases used in replies2');

    const buttons = [...el.querySelectorAll<HTMLButtonElement>('.windows button')];
    expect(buttons.map((b) => [b.textContent, b.getAttribute('aria-pressed')])).toEqual([
      ['Last 7 days', 'false'],
      ['Last 30 days', 'true'],
      ['Last 90 days', 'false'],
    ]);
    buttons[0].click();
    buttons[2].click();
    expect(report.calls.map((c) => c.args[0])).toEqual([30, 7, 90]);
    await report.respond({ ...EMPTY, days: 90, shown: 10, accepted: 4, acceptanceRate: 0.4 }, 2);
    await report.respond({ ...EMPTY, days: 7 }, 1);
    await fixture.whenStable();
    expect(el.textContent).toContain('(90 days)');
    expect([...el.querySelectorAll('.rate .value')].map((v) => v.textContent)).toEqual(['–', '40 %', '–']);
  });
});
