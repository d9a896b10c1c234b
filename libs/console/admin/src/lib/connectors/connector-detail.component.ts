import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ConnectorsApi, describeHttpError } from '@throughline/console/data-access';
import { ChannelBadgeComponent, RelativeTimeComponent } from '@throughline/console/ui';
import type { ConnectorTestView, ConnectorView, RawEventView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { configEntries, describeCheck, HEALTH_LABELS, providerLabel, webhookLabel } from './connector-labels';

type Loaded<T> = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/**
 * One connector: where to send events (webhook URLs to copy), its settings (secrets by name only),
 * a connection test that says which stage failed, on/off, and the raw events it could not read,
 * each with its error and a Retry.
 */
@Component({
  selector: 'tl-connector-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelBadgeComponent, RelativeTimeComponent, RouterLink],
  templateUrl: './connector-detail.component.html',
  styleUrls: ['../admin-screen.css', './connector-detail.component.css'],
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
    try {
      this.connector.set({ state: 'ready', value: await firstValueFrom(this.api.get(id)) });
      this.now.set(Date.now());
    } catch (error) {
      this.connector.set({ state: 'error', message: describeHttpError(error, 'This connector could not be loaded.') });
      return;
    }
    await this.loadEvents();
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
