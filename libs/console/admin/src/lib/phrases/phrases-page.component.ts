import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AuthStore, describeHttpError, InsightsAdminApi } from '@throughline/console/data-access';
import type { EmpathyPhraseKind, EmpathyPhraseTone, EmpathyPhraseTrigger, EmpathyPhraseView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { formatTriggers, parseTriggers } from './phrase-triggers';

const TONES: readonly EmpathyPhraseTone[] = ['acknowledge', 'apologise', 'reassure', 'clarify', 'thank', 'guide'];

/** The form's fields; `editing` is the id of the phrase being changed, or null for a new one. */
interface Draft {
  editing: string | null;
  id: string;
  kind: EmpathyPhraseKind;
  text: string;
  tone: EmpathyPhraseTone;
  triggers: string;
  deescalates: boolean;
  enabled: boolean;
}

const EMPTY_DRAFT: Draft = { editing: null, id: '', kind: 'phrase', text: '', tone: 'acknowledge', triggers: '', deescalates: true, enabled: true };

/**
 * The empathy phrase library: what the insights panel offers agents to say, and when. Admins edit
 * it; supervisors read it. The server checks emotions, history signals and {placeholders} and its
 * 400 is shown beside the form.
 */
@Component({
  selector: 'tl-phrases-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './phrases-page.component.html',
  styleUrls: ['../admin-screen.css', './phrases-page.component.css'],
})
export class PhrasesPageComponent {
  private readonly api = inject(InsightsAdminApi);
  private readonly auth = inject(AuthStore);

  protected readonly tones = TONES;
  protected readonly formatTriggers = formatTriggers;
  protected readonly canEdit = computed(() => this.auth.user()?.role === 'admin');
  protected readonly phrases = signal<EmpathyPhraseView[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly draft = signal<Draft | null>(null);
  protected readonly saving = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    this.phrases.set(null);
    try {
      this.phrases.set(await firstValueFrom(this.api.phrases()));
    } catch (error) {
      this.loadError.set(describeHttpError(error, 'The phrase library could not be loaded.'));
    }
  }

  startNew(): void {
    this.open({ ...EMPTY_DRAFT });
  }

  edit(phrase: EmpathyPhraseView): void {
    this.open({ ...phrase, editing: phrase.id, triggers: formatTriggers(phrase.triggers) });
  }

  cancel(): void {
    this.draft.set(null);
    this.formError.set(null);
  }

  /** Changes one field of the open form. */
  set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft.update((d) => (d ? { ...d, [key]: value } : d));
  }

  async save(): Promise<void> {
    const draft = this.draft();
    if (!draft) return;
    let triggers: EmpathyPhraseTrigger[];
    try {
      triggers = parseTriggers(draft.triggers);
    } catch (error) {
      this.formError.set((error as Error).message);
      return;
    }
    const { editing, id, ...fields } = draft;
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved = editing
        ? await firstValueFrom(this.api.updatePhrase(editing, { ...fields, triggers }))
        : await firstValueFrom(this.api.createPhrase({ id: id.trim(), ...fields, triggers }));
      this.phrases.update((list) => (editing ? (list ?? []).map((p) => (p.id === saved.id ? saved : p)) : [...(list ?? []), saved]));
      this.draft.set(null);
      this.notice.set(`Saved “${saved.id}”.`);
    } catch (error) {
      this.formError.set(describeHttpError(error, 'The phrase could not be saved.'));
    } finally {
      this.saving.set(false);
    }
  }

  async remove(): Promise<void> {
    const id = this.draft()?.editing;
    if (!id || !confirm(`Delete the phrase “${id}”? Agents will no longer be offered it.`)) return;
    this.saving.set(true);
    this.formError.set(null);
    try {
      await firstValueFrom(this.api.deletePhrase(id));
      this.phrases.update((list) => (list ?? []).filter((p) => p.id !== id));
      this.draft.set(null);
      this.notice.set(`Deleted “${id}”.`);
    } catch (error) {
      this.formError.set(describeHttpError(error, 'The phrase could not be deleted.'));
    } finally {
      this.saving.set(false);
    }
  }

  private open(draft: Draft): void {
    this.notice.set(null);
    this.formError.set(null);
    this.draft.set(draft);
  }
}
