import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type ConnectionState = 'offline' | 'connecting' | 'connected' | 'reconnecting';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Live',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const DESCRIPTIONS: Record<ConnectionState, string> = {
  connected: 'Connected: new messages appear as they arrive',
  connecting: 'Connecting to live updates',
  reconnecting: 'Connection lost: reconnecting, the list will catch up by itself',
  offline: 'Not connected to live updates',
};

/** A dot and a word saying whether live updates are flowing. */
@Component({
  selector: 'tl-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'status',
    '[attr.data-state]': 'state()',
    '[attr.title]': 'description()',
    '[attr.aria-label]': 'description()',
  },
  template: `<span class="dot" aria-hidden="true"></span><span>{{ label() }}</span>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-size: 0.8125rem;
      color: var(--tl-text-muted, #64748b);
      white-space: nowrap;
    }
    .dot {
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: currentColor;
    }
    :host([data-state='connected']) .dot {
      background: #16a34a;
      box-shadow: 0 0 0 3px rgb(22 163 74 / 18%);
    }
    :host([data-state='connecting']) .dot,
    :host([data-state='reconnecting']) .dot {
      background: #d97706;
      animation: pulse 1.2s ease-in-out infinite;
    }
    :host([data-state='reconnecting']) {
      color: #92400e;
    }
    :host([data-state='offline']) .dot {
      background: #94a3b8;
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none !important;
      }
    }
  `,
})
export class ConnectionIndicatorComponent {
  readonly state = input.required<ConnectionState>();
  protected readonly label = computed(() => LABELS[this.state()]);
  protected readonly description = computed(() => DESCRIPTIONS[this.state()]);
}
