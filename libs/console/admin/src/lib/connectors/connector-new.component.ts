import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ConnectorsApi, describeHttpError, validationMessagesOf, WorkspaceAdminApi } from '@throughline/console/data-access';
import { type ConnectorProvidersView, type CreatedConnectorView, fieldErrorsOf, type QueueView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { ConnectorFieldsComponent } from './connector-fields.component';
import { fieldKey, type FieldValues, initialValues, requestOf } from './connector-form';
import { setupGuideOf } from './connector-setup';
import { ConnectorSetupComponent } from './connector-setup.component';

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; catalog: ConnectorProvidersView; queues: QueueView[] };

/**
 * "New connector": a name, a provider, and that provider's settings as the server describes them;
 * the server's validation messages beside their fields. Once created, what to paste where, with the
 * generated secret shown this one time.
 */
@Component({
  selector: 'tl-connector-new',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ConnectorFieldsComponent, ConnectorSetupComponent, RouterLink],
  templateUrl: './connector-new.component.html',
  styleUrls: ['../admin-screen.css', './connector-form.css', './connector-detail.component.css'],
})
export class ConnectorNewComponent {
  private readonly api = inject(ConnectorsApi);
  private readonly workspace = inject(WorkspaceAdminApi);

  protected readonly loaded = signal<Loaded>({ state: 'loading' });
  protected readonly name = signal('');
  protected readonly provider = signal('');
  protected readonly queueId = signal('');
  protected readonly values = signal<FieldValues>({});
  protected readonly errors = signal<Record<string, string>>({});
  protected readonly formError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly created = signal<CreatedConnectorView | null>(null);

  protected readonly spec = computed(() => {
    const loaded = this.loaded();
    return loaded.state === 'ready' ? (loaded.catalog.providers.find((p) => p.provider === this.provider()) ?? null) : null;
  });

  protected readonly guide = computed(() => {
    const loaded = this.loaded();
    const created = this.created();
    const spec = this.spec();
    if (!created || loaded.state !== 'ready') return null;
    const secret = created.signingSecret && spec?.generatedSecret ? { name: spec.generatedSecret, value: created.signingSecret } : null;
    return setupGuideOf(created, loaded.catalog.publicUrl, secret);
  });

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loaded.set({ state: 'loading' });
    try {
      const [catalog, queues] = await Promise.all([firstValueFrom(this.api.providers()), firstValueFrom(this.workspace.queues())]);
      this.loaded.set({ state: 'ready', catalog, queues: queues.filter((q) => !q.archived) });
    } catch (error) {
      this.loaded.set({ state: 'error', message: describeHttpError(error, 'The providers could not be loaded.') });
    }
  }

  protected chooseProvider(provider: string): void {
    this.provider.set(provider);
    const spec = this.spec();
    this.values.set(spec ? initialValues(spec) : {});
    this.errors.set({});
    this.formError.set(null);
  }

  async create(): Promise<void> {
    const spec = this.spec();
    this.errors.set({});
    this.formError.set(null);
    if (!spec) {
      this.errors.set({ provider: 'Choose a provider' });
      return;
    }
    this.saving.set(true);
    try {
      const { config, secrets } = requestOf(spec, this.values());
      const queueId = this.queueId() || undefined;
      this.created.set(await firstValueFrom(this.api.create({ name: this.name(), kind: spec.kind, provider: spec.provider, queueId, config, secrets })));
    } catch (error) {
      const messages = validationMessagesOf(error);
      if (!messages) {
        this.formError.set(describeHttpError(error, 'The connector could not be created.'));
        return;
      }
      const { byField, other } = fieldErrorsOf(messages, ['name', 'provider', 'queueId', ...spec.fields.map(fieldKey)]);
      this.errors.set(byField);
      this.formError.set(other.length ? other.join(' ') : null);
    } finally {
      this.saving.set(false);
    }
  }
}
