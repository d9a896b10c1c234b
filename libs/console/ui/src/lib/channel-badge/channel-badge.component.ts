import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ChannelKind } from '@throughline/domain';

export const CHANNEL_LABELS: Record<ChannelKind, string> = {
  generic: 'Generic',
  email: 'Email',
  chat: 'Chat',
  phone: 'Phone',
  social: 'Social',
};

/** The channel's icon and name, in the channel's colour. */
@Component({
  selector: 'tl-channel-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-channel]': 'channel()' },
  template: `
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      @switch (channel()) {
        @case ('email') {
          <rect x="1.5" y="3" width="13" height="10" rx="1.5" />
          <path d="M2 4l6 5 6-5" />
        }
        @case ('chat') {
          <path d="M2.5 3.5h11v7h-6l-3.5 3v-3h-1.5z" />
        }
        @case ('phone') {
          <path d="M4 1.8l2.3 2.8-1.4 1.6a8 8 0 004.9 4.9l1.6-1.4 2.8 2.3-1.5 1.8C7.7 13.6 2.4 8.3 2.2 3.3z" />
        }
        @case ('social') {
          <circle cx="8" cy="8" r="2.6" />
          <path d="M10.6 8v1.2a1.9 1.9 0 003.8 0V8a6.4 6.4 0 10-2.5 5.1" />
        }
        @default {
          <path d="M5.5 1.5v4M10.5 1.5v4M3.5 5.5h9v2.5a4.5 4.5 0 01-9 0zM8 12.5v2.5" />
        }
      }
    </svg>
    <span>{{ label() }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
      padding: 0.1rem 0.45rem 0.1rem 0.35rem;
      border-radius: 999px;
      font-size: 0.75rem;
      font-weight: 500;
      line-height: 1.4;
      white-space: nowrap;
      color: var(--tl-channel, #475569);
      background: color-mix(in srgb, var(--tl-channel, #475569) 10%, transparent);
    }
    svg {
      fill: none;
      stroke: currentColor;
      stroke-width: 1.4;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    :host([data-channel='generic']) {
      --tl-channel: var(--tl-channel-generic, #475569);
    }
    :host([data-channel='email']) {
      --tl-channel: var(--tl-channel-email, #1d4ed8);
    }
    :host([data-channel='chat']) {
      --tl-channel: var(--tl-channel-chat, #15803d);
    }
    :host([data-channel='phone']) {
      --tl-channel: var(--tl-channel-phone, #b45309);
    }
    :host([data-channel='social']) {
      --tl-channel: var(--tl-channel-social, #7e22ce);
    }
  `,
})
export class ChannelBadgeComponent {
  readonly channel = input.required<ChannelKind>();
  protected readonly label = computed(() => CHANNEL_LABELS[this.channel()] ?? this.channel());
}
