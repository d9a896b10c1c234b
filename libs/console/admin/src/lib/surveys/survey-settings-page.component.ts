import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { describeHttpError, SurveySettingsApi } from '@throughline/console/data-access';
import { SURVEY_LIMITS, type SurveySettingsView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';

/** Customer surveys after a resolution: each kind on or off, its question, the delay and the NPS interval. */
@Component({
  selector: 'tl-survey-settings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './survey-settings-page.component.html',
  styleUrls: ['../admin-screen.css', './survey-settings-page.component.css'],
})
export class SurveySettingsPageComponent {
  private readonly api = inject(SurveySettingsApi);

  protected readonly limits = SURVEY_LIMITS;
  protected readonly draft = signal<SurveySettingsView | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    this.draft.set(null);
    try {
      this.draft.set(await firstValueFrom(this.api.get()));
    } catch (error) {
      this.loadError.set(describeHttpError(error, 'The survey settings could not be loaded.'));
    }
  }

  set<K extends keyof SurveySettingsView, F extends keyof SurveySettingsView[K]>(kind: K, field: F, value: SurveySettingsView[K][F]): void {
    this.notice.set(null);
    this.draft.update((d) => (d ? { ...d, [kind]: { ...d[kind], [field]: value } } : d));
  }

  async save(): Promise<void> {
    const draft = this.draft();
    if (!draft) return;
    this.saving.set(true);
    this.formError.set(null);
    try {
      this.draft.set(await firstValueFrom(this.api.update(draft)));
      this.notice.set('Saved. Conversations resolved from now on follow these settings.');
    } catch (error) {
      this.formError.set(describeHttpError(error, 'The survey settings could not be saved.'));
    } finally {
      this.saving.set(false);
    }
  }
}
