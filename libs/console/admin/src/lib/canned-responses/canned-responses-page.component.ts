import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AuthStore, type CannedResponseDraft, describeHttpError, WorkspaceAdminApi } from '@throughline/console/data-access';
import { CANNED_RESPONSE_PLACEHOLDERS, type CannedResponseView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';

interface Draft extends CannedResponseDraft {
  /** The id of the response being changed, or null for a new one. */
  editing: string | null;
}

const EMPTY_DRAFT: Draft = { editing: null, title: '', shortcut: '', text: '', shared: true };

/** Canned responses agents insert by typing `/` in the composer: shared ones and the user's own. */
@Component({
  selector: 'tl-canned-responses-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  templateUrl: './canned-responses-page.component.html',
  styleUrls: ['../admin-screen.css', '../phrases/phrases-page.component.css'],
})
export class CannedResponsesPageComponent {
  private readonly api = inject(WorkspaceAdminApi);
  private readonly auth = inject(AuthStore);

  protected readonly placeholders = CANNED_RESPONSE_PLACEHOLDERS.map((name) => `{{${name}}}`);
  protected readonly canShare = computed(() => this.auth.user()?.role !== 'agent');
  protected readonly responses = signal<CannedResponseView[] | null>(null);
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
    this.responses.set(null);
    try {
      this.responses.set(await firstValueFrom(this.api.cannedResponses()));
    } catch (error) {
      this.loadError.set(describeHttpError(error, 'The canned responses could not be loaded.'));
    }
  }

  startNew(): void {
    this.open({ ...EMPTY_DRAFT, shared: this.canShare() });
  }

  edit(response: CannedResponseView): void {
    this.open({ editing: response.id, title: response.title, shortcut: response.shortcut, text: response.text, shared: response.shared });
  }

  cancel(): void {
    this.draft.set(null);
    this.formError.set(null);
  }

  set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft.update((d) => (d ? { ...d, [key]: value } : d));
  }

  async save(): Promise<void> {
    const draft = this.draft();
    if (!draft) return;
    const { editing, ...fields } = draft;
    this.saving.set(true);
    this.formError.set(null);
    try {
      const saved = editing
        ? await firstValueFrom(this.api.updateCannedResponse(editing, fields))
        : await firstValueFrom(this.api.createCannedResponse(fields));
      this.responses.update((list) => [...(list ?? []).filter((r) => r.id !== saved.id), saved].sort((a, b) => a.shortcut.localeCompare(b.shortcut)));
      this.draft.set(null);
      this.notice.set(`Saved /${saved.shortcut}.`);
    } catch (error) {
      this.formError.set(describeHttpError(error, 'The canned response could not be saved.'));
    } finally {
      this.saving.set(false);
    }
  }

  async remove(): Promise<void> {
    const draft = this.draft();
    if (!draft?.editing || !confirm(`Delete /${draft.shortcut}?`)) return;
    const id = draft.editing;
    this.saving.set(true);
    try {
      await firstValueFrom(this.api.deleteCannedResponse(id));
      this.responses.update((list) => (list ?? []).filter((r) => r.id !== id));
      this.draft.set(null);
      this.notice.set(`Deleted /${draft.shortcut}.`);
    } catch (error) {
      this.formError.set(describeHttpError(error, 'The canned response could not be deleted.'));
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
