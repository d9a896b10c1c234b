import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { ConnectorsApi, describeHttpError, validationMessagesOf } from '@throughline/console/data-access';
import { ChannelBadgeComponent, RelativeTimeComponent } from '@throughline/console/ui';
import {
  type ConnectorProvidersView,
  type ConnectorTestView,
  type ConnectorView,
  fieldErrorsOf,
  type RawEventView,
  type RotatedSecretView,
} from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { ConnectorFieldsComponent } from './connector-fields.component';
import { fieldKey, type FieldValues, initialValues, requestOf } from './connector-form';
import { configEntries, describeCheck, disableConsequence, GRACE_CHOICES, HEALTH_LABELS, providerLabel, webhookLabel } from './connector-labels';
import { setupGuideOf } from './connector-setup';
import { ConnectorSetupComponent } from './connector-setup.component';

type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/**
 * One connector: where to send events (webhook URLs to copy), its settings (secrets by name only),
 * a connection test that says which stage failed, on/off with what that does, editing its settings,
 * rotating its generated secret with a grace period, and the raw events it could not read, each
 * with its error and a Retry.
 */
@Component({
  selector: 'tl-connector-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelBadgeComponent, ConnectorFieldsComponent, DatePipe, ConnectorSetupComponent, RelativeTimeComponent, RouterLink],
  templateUrl: './connector-detail.component.html',
  styleUrls: ['../admin-screen.css', './connector-form.css', './connector-detail.component.css'],
})
export class ConnectorDetailComponent {
  private readonly api = inject(ConnectorsApi);

  /** From the route (`/admin/connectors/:connectorId`). */
  readonly connectorId = input.required<string>();

  protected readonly connector = signal<Loaded<ConnectorView>>({ state: 'loading' });
  protected readonly events = signal<Loaded<RawEventView[]>>({ state: 'loading' });
  protected readonly now = signal(Date.now());
  protected readonly healthLabels = HEALTH_LABELS;
  protected readonly providerLabel = providerLabel;
  protected readonly webhookLabel = webhookLabel;
  protected readonly describeCheck = describeCheck;

  protected readonly webhooks = computed(() => {
    const c = this.connector();
    return c.state === 'ready' ? Object.entries(c.value.webhookUrls).map(([name, url]) => ({ name, url })) : [];
  });
  protected readonly settings = computed(() => {
    const c = this.connector();
    return c.state === 'ready' ? configEntries(c.value.config) : [];
  });

  protected readonly copied = signal<string | null>(null);
  protected readonly copyError = signal<string | null>(null);
  protected readonly testing = signal(false);
  protected readonly testResult = signal<ConnectorTestView | null>(null);
  protected readonly testError = signal<string | null>(null);
  protected readonly toggling = signal(false);
  protected readonly toggleError = signal<string | null>(null);
  protected readonly disableConsequence = disableConsequence;
  protected readonly graceChoices = GRACE_CHOICES;

  /** The provider descriptions, for the edit form and whether there is a secret to rotate. */
  protected readonly catalog = signal<ConnectorProvidersView | null>(null);
  protected readonly catalogError = signal<string | null>(null);
  protected readonly spec = computed(() => {
    const c = this.connector();
    return c.state === 'ready' ? (this.catalog()?.providers.find((p) => p.provider === c.value.provider) ?? null) : null;
  });

  protected readonly editing = signal(false);
  protected readonly editName = signal('');
  protected readonly editValues = signal<FieldValues>({});
  protected readonly editErrors = signal<Record<string, string>>({});
  protected readonly editError = signal<string | null>(null);
  protected readonly saving = signal(false);

  protected readonly graceSeconds = signal(24 * 3600);
  protected readonly rotating = signal(false);
  protected readonly rotateError = signal<string | null>(null);
  protected readonly rotated = signal<RotatedSecretView | null>(null);
  /** The new secret, shown this once (leaving the page forgets it). */
  protected readonly rotatedGuide = computed(() => {
    const rotated = this.rotated();
    const catalog = this.catalog();
    if (!rotated || !catalog) return null;
    const items = setupGuideOf(rotated.connector, catalog.publicUrl, { name: rotated.secretName, value: rotated.secret }).items.filter((i) => i.secret);
    return { items, notes: [] };
  });

  /** Per event id: retrying, or the outcome to show beside it. */
  protected readonly retries = signal<Record<string, { busy: boolean; message: string; failed: boolean }>>({});

  constructor() {
    effect(() => {
      const id = this.connectorId();
      untracked(() => void this.load(id));
    });
  }

  async load(id = this.connectorId()): Promise<void> {
    this.connector.set({ state: 'loading' });
    this.testResult.set(null);
    if (!this.catalog()) void this.loadCatalog();
    try {
      this.connector.set({ state: 'ready', value: await firstValueFrom(this.api.get(id)) });
      this.now.set(Date.now());
    } catch (error) {
      this.connector.set({ state: 'error', message: describeHttpError(error, 'This connector could not be loaded.') });
      return;
    }
    await this.loadEvents();
  }

  /** Without the provider descriptions the connector still shows; only editing and rotation wait for them. */
  async loadCatalog(): Promise<void> {
    this.catalogError.set(null);
    try {
      this.catalog.set(await firstValueFrom(this.api.providers()));
    } catch (error) {
      this.catalogError.set(describeHttpError(error, 'The provider settings could not be loaded, so editing is unavailable.'));
    }
  }

  async loadEvents(): Promise<void> {
    this.events.set({ state: 'loading' });
    try {
      this.events.set({ state: 'ready', value: await firstValueFrom(this.api.failedEvents(this.connectorId())) });
      this.retries.set({});
      this.now.set(Date.now());
    } catch (error) {
      this.events.set({ state: 'error', message: describeHttpError(error, 'The failed events could not be loaded.') });
    }
  }

  async copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copied.set(url);
    } catch {
      // Clipboard access can be refused (permissions, plain http): the URL stays there to select.
      this.copied.set(null);
      this.copyError.set('Copying was refused by the browser: select the URL and copy it by hand.');
    }
  }

  async test(): Promise<void> {
    this.testing.set(true);
    this.testResult.set(null);
    this.testError.set(null);
    try {
      this.testResult.set(await firstValueFrom(this.api.test(this.connectorId())));
      // The test records health and the last error: show what it wrote.
      const fresh = await firstValueFrom(this.api.get(this.connectorId()));
      this.connector.set({ state: 'ready', value: fresh });
    } catch (error) {
      this.testError.set(describeHttpError(error, 'The test could not be run.'));
    } finally {
      this.testing.set(false);
    }
  }

  async setEnabled(enabled: boolean): Promise<void> {
    this.toggling.set(true);
    this.toggleError.set(null);
    try {
      this.connector.set({ state: 'ready', value: await firstValueFrom(this.api.setEnabled(this.connectorId(), enabled)) });
    } catch (error) {
      this.toggleError.set(describeHttpError(error, enabled ? 'The connector could not be enabled.' : 'The connector could not be disabled.'));
    } finally {
      this.toggling.set(false);
    }
  }

  startEditing(connector: ConnectorView): void {
    const spec = this.spec();
    if (!spec) return;
    this.editName.set(connector.name);
    this.editValues.set(initialValues(spec, connector.config));
    this.editErrors.set({});
    this.editError.set(null);
    this.editing.set(true);
  }

  async saveEdit(): Promise<void> {
    const spec = this.spec();
    if (!spec) return;
    this.saving.set(true);
    this.editErrors.set({});
    this.editError.set(null);
    try {
      const { config, secrets } = requestOf(spec, this.editValues());
      const changes = { name: this.editName(), config, ...(Object.keys(secrets).length && { secrets }) };
      this.connector.set({ state: 'ready', value: await firstValueFrom(this.api.update(this.connectorId(), changes)) });
      this.editing.set(false);
    } catch (error) {
      const messages = validationMessagesOf(error);
      if (!messages) {
        this.editError.set(describeHttpError(error, 'The settings could not be saved.'));
        return;
      }
      const { byField, other } = fieldErrorsOf(messages, ['name', ...spec.fields.map(fieldKey)]);
      this.editErrors.set(byField);
      this.editError.set(other.length ? other.join(' ') : null);
    } finally {
      this.saving.set(false);
    }
  }

  async rotate(): Promise<void> {
    this.rotating.set(true);
    this.rotateError.set(null);
    this.rotated.set(null);
    try {
      const rotated = await firstValueFrom(this.api.rotateSecret(this.connectorId(), this.graceSeconds()));
      this.rotated.set(rotated);
      this.connector.set({ state: 'ready', value: rotated.connector });
      this.now.set(Date.now());
    } catch (error) {
      this.rotateError.set(describeHttpError(error, 'The secret could not be rotated.'));
    } finally {
      this.rotating.set(false);
    }
  }

  async retry(event: RawEventView): Promise<void> {
    this.retries.update((r) => ({ ...r, [event.id]: { busy: true, message: 'Retrying…', failed: false } }));
    try {
      const retried = await firstValueFrom(this.api.retryEvent(this.connectorId(), event.id));
      const message = `Sent to processing again (${retried.status}). Refresh to see whether it failed again.`;
      this.retries.update((r) => ({ ...r, [event.id]: { busy: false, message, failed: false } }));
    } catch (error) {
      const message = describeHttpError(error, 'The event could not be retried.');
      this.retries.update((r) => ({ ...r, [event.id]: { busy: false, message, failed: true } }));
    }
  }
}
