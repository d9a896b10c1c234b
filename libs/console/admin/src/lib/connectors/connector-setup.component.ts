import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import type { SetupGuide, SetupItem } from './connector-setup';

/** What to paste where, each value with a Copy button; the secret marked as shown this once. */
@Component({
  selector: 'tl-connector-setup',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="setup">
      @for (item of guide().items; track item.label) {
        <li [class.secret]="item.secret">
          <div class="setup-head">
            <strong>{{ item.label }}</strong>
            @if (item.secret) {
              <span class="once">Shown once: copy it now, it is never shown again</span>
            }
            <button type="button" class="button" [attr.aria-label]="'Copy the ' + item.label" (click)="copy(item)">
              {{ copied() === item.label ? 'Copied' : 'Copy' }}
            </button>
          </div>
          @if (item.block) {
            <pre class="mono" [attr.aria-label]="item.label">{{ item.value }}</pre>
          } @else {
            <code class="mono value" [attr.aria-label]="item.label">{{ item.value }}</code>
          }
          <span class="muted">{{ item.help }}</span>
        </li>
      }
    </ul>
    @for (note of guide().notes; track note) {
      <p class="muted note">{{ note }}</p>
    }
    @if (copyError(); as message) {
      <p class="alert" role="alert">{{ message }}</p>
    }
  `,
  styleUrls: ['../admin-screen.css', './connector-setup.component.css'],
})
export class ConnectorSetupComponent {
  readonly guide = input.required<SetupGuide>();

  protected readonly copied = signal<string | null>(null);
  protected readonly copyError = signal<string | null>(null);

  async copy(item: SetupItem): Promise<void> {
    this.copyError.set(null);
    try {
      await navigator.clipboard.writeText(item.value);
      this.copied.set(item.label);
    } catch {
      // Clipboard access can be refused (permissions, plain http): the value stays there to select.
      this.copied.set(null);
      this.copyError.set(`Copying was refused by the browser: select the ${item.label.toLowerCase()} and copy it by hand.`);
    }
  }
}
