import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ConnectorsApi, describeHttpError } from '@throughline/console/data-access';
import { ChannelBadgeComponent, RelativeTimeComponent } from '@throughline/console/ui';
import type { ConnectorView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { HEALTH_LABELS, providerLabel } from './connector-labels';

/** Every connector with its health, last event and last error, so a silent failure shows. */
@Component({
  selector: 'tl-connectors-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelBadgeComponent, RelativeTimeComponent, RouterLink],
  templateUrl: './connectors-page.component.html',
  styleUrls: ['../admin-screen.css'],
})
export class ConnectorsPageComponent {
  private readonly api = inject(ConnectorsApi);

  protected readonly connectors = signal<ConnectorView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly now = signal(Date.now());
  protected readonly healthLabels = HEALTH_LABELS;
  protected readonly providerLabel = providerLabel;

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.error.set(null);
    this.connectors.set(null);
    try {
      this.connectors.set(await firstValueFrom(this.api.list()));
      this.now.set(Date.now());
    } catch (error) {
      this.error.set(describeHttpError(error, 'The connectors could not be loaded.'));
    }
  }
}
