import { TestBed } from '@angular/core/testing';
import { SurveySettingsApi, type SurveySettingsChanges } from '@throughline/console/data-access';
import { PendingCalls } from '@throughline/console/data-access/testing';
import { DEFAULT_SURVEY_SETTINGS, type SurveySettingsView } from '@throughline/domain';
import { SurveySettingsPageComponent } from './survey-settings-page.component';

describe('SurveySettingsPageComponent', () => {
  async function setUp() {
    const get = new PendingCalls<[], SurveySettingsView>();
    const update = new PendingCalls<[SurveySettingsChanges], SurveySettingsView>();
    TestBed.configureTestingModule({ providers: [{ provide: SurveySettingsApi, useValue: { get: get.fn, update: update.fn } }] });
    const fixture = TestBed.createComponent(SurveySettingsPageComponent);
    await fixture.whenStable();
    return { get, update, fixture, el: fixture.nativeElement as HTMLElement };
  }

  const input = (el: HTMLElement, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`) as HTMLInputElement;

  it('should load the settings, send the edited ones and show what the server saved', async () => {
    const { get, update, fixture, el } = await setUp();
    expect(el.querySelector('[aria-label="Loading survey settings"]')).not.toBeNull();
    await get.respond(DEFAULT_SURVEY_SETTINGS);
    await fixture.whenStable();
    expect(input(el, 'csatEnabled').checked).toBe(false);
    expect(input(el, 'cesQuestion').value).toBe('How easy was it to get help?');

    input(el, 'csatEnabled').click();
    const delay = input(el, 'delaySeconds');
    delay.value = '0';
    delay.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
    expect(update.last.args[0]).toMatchObject({ csat: { enabled: true, delaySeconds: 0 }, ces: { enabled: false }, nps: { enabled: false, intervalDays: 90 } });
    expect(el.querySelector('button[type="submit"]')?.textContent).toContain('Saving…');
    const saved = { ...DEFAULT_SURVEY_SETTINGS, csat: { ...DEFAULT_SURVEY_SETTINGS.csat, enabled: true, delaySeconds: 0 } };
    await update.respond(saved);
    await fixture.whenStable();
    expect(el.querySelector('[role="status"]')?.textContent).toContain('Saved.');
  });

  it("should show the server's refusal naming the field, and a load error with a retry", async () => {
    const { get, update, fixture, el } = await setUp();
    await get.fail(500);
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"] .title')?.textContent).toBe('Survey settings not loaded');
    el.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    expect(get.calls).toHaveLength(2);
    await get.respond(DEFAULT_SURVEY_SETTINGS);
    await fixture.whenStable();
    el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await update.fail(400, 0, { statusCode: 400, error: 'Bad Request', message: ['csat.delaySeconds must not be greater than 604800'] });
    await fixture.whenStable();
    expect(el.querySelector('p.alert')?.textContent).toContain('csat.delaySeconds');
  });
});
