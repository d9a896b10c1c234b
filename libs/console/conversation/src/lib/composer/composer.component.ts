import { ChangeDetectionStrategy, Component, ElementRef, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { CHANNEL_LABELS } from '@throughline/console/ui';
import type { ChannelKind, ReplyChannelView } from '@throughline/domain';

export type ComposerMode = 'reply' | 'note';

export interface ComposerSubmit {
  text: string;
  note: boolean;
  channel: ChannelKind | undefined;
}

/**
 * Where the agent writes: a reply on the channel of the customer's last message by default (or
 * another channel the customer can be reached on), or an internal note. Ctrl/⌘+Enter sends.
 */
@Component({
  selector: 'tl-composer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="composer" [attr.data-mode]="mode()" (submit)="$event.preventDefault(); submit()">
      <div class="tabs" role="tablist" aria-label="What to write">
        <button type="button" role="tab" class="tab" [attr.aria-selected]="mode() === 'reply'" (click)="focus('reply')">Reply <kbd>r</kbd></button>
        <button type="button" role="tab" class="tab" [attr.aria-selected]="mode() === 'note'" (click)="focus('note')">Internal note <kbd>n</kbd></button>
        @if (mode() === 'reply' && replyChannels().length > 1) {
          <label class="via">
            <span>via</span>
            <select [value]="channel() ?? ''" (change)="channel.set(asChannel($any($event.target).value))" aria-label="Reply channel">
              @for (c of replyChannels(); track c.channel + c.connectorId) {
                <!-- [selected]: the select's [value] is set before its options exist, and would show the first one. -->
                <option [value]="c.channel" [selected]="c.channel === channel()">{{ label(c.channel) }}{{ c.to ? ' · ' + c.to : '' }}</option>
              }
            </select>
          </label>
        } @else if (mode() === 'reply') {
          <span class="via">via {{ label(channel() ?? fallbackChannel()) }}</span>
        }
      </div>
      <label class="visually-hidden" for="composer-text">{{ mode() === 'note' ? 'Internal note' : 'Reply to the customer' }}</label>
      <textarea
        #box
        id="composer-text"
        rows="3"
        [placeholder]="mode() === 'note' ? 'Write a note only your team sees…' : 'Write a reply…'"
        [value]="text()"
        (input)="text.set($any($event.target).value); typing.emit()"
        (keydown)="onKeydown($event)"
        [disabled]="disabled()"
      ></textarea>
      <div class="foot">
        <span class="hint">Ctrl + Enter to send · Esc to leave</span>
        <button type="submit" class="send" [disabled]="disabled() || !text().trim()">
          {{ mode() === 'note' ? 'Add note' : 'Send reply' }}
        </button>
      </div>
    </form>
  `,
  styles: `
    :host { display: block; }
    .composer { border: 1px solid var(--tl-border-strong); border-radius: 0.6rem; background: var(--tl-surface); }
    .composer[data-mode='note'] { background: #fffbeb; border-color: #fcd34d; }
    .tabs { display: flex; align-items: center; gap: 0.25rem; padding: 0.35rem 0.5rem 0; }
    .tab { white-space: nowrap; padding: 0.25rem 0.55rem; border: 0; border-radius: 0.35rem; background: none; font: inherit; font-size: 0.8rem;
      color: var(--tl-text-muted); cursor: pointer; }
    .tab[aria-selected='true'] { background: var(--tl-surface-muted); color: var(--tl-text); font-weight: 600; }
    kbd { font: inherit; font-size: 0.7rem; padding: 0 0.25rem; border: 1px solid var(--tl-border); border-radius: 0.25rem; color: var(--tl-text-muted); }
    .via { margin-left: auto; min-width: 0; display: flex; gap: 0.3rem; align-items: center; font-size: 0.75rem; color: var(--tl-text-muted); }
    select { width: auto; max-width: 11rem; font: inherit; font-size: 0.75rem; }
    textarea { display: block; width: 100%; min-height: 4.5rem; max-height: 16rem; resize: vertical; padding: 0.5rem 0.75rem; border: 0;
      background: transparent; font: inherit; font-size: 0.9rem; }
    textarea:focus { outline: none; }
    .composer:focus-within { box-shadow: 0 0 0 2px var(--tl-accent-soft); border-color: var(--tl-accent); }
    .foot { display: flex; align-items: center; justify-content: space-between; padding: 0 0.5rem 0.5rem 0.75rem; }
    .hint { font-size: 0.72rem; color: var(--tl-text-muted); }
    .send { padding: 0.35rem 0.9rem; border: 0; border-radius: 0.4rem; background: var(--tl-accent); color: #fff; font: inherit;
      font-size: 0.85rem; font-weight: 600; cursor: pointer; }
    .composer[data-mode='note'] .send { background: #b45309; }
    .send:disabled { opacity: 0.5; cursor: default; }
  `,
})
export class ComposerComponent {
  readonly replyChannels = input<ReplyChannelView[]>([]);
  /** The conversation's own channel, used when the server offered no list. */
  readonly fallbackChannel = input.required<ChannelKind>();
  readonly disabled = input(false);
  readonly send = output<ComposerSubmit>();
  readonly typing = output<void>();

  private readonly box = viewChild<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly mode = signal<ComposerMode>('reply');
  protected readonly text = signal('');
  protected readonly channel = linkedSignal<ChannelKind | null>(() => this.replyChannels().find((c) => c.default)?.channel ?? null);

  /** Switches mode and puts the cursor in the box (keyboard `r` / `n`). */
  focus(mode: ComposerMode): void {
    this.mode.set(mode);
    queueMicrotask(() => this.box()?.nativeElement.focus());
  }

  /** Adds text at the cursor (an empathy phrase, a suggestion's pitch). */
  insert(snippet: string): void {
    const box = this.box()?.nativeElement;
    const current = this.text();
    const at = box ? box.selectionStart : current.length;
    const before = current.slice(0, at);
    const spacer = before && !/\s$/.test(before) ? ' ' : '';
    this.text.set(`${before}${spacer}${snippet}${current.slice(at)}`);
    this.mode.set('reply');
    queueMicrotask(() => box?.focus());
  }

  protected label(channel: ChannelKind): string {
    return CHANNEL_LABELS[channel] ?? channel;
  }

  protected asChannel(value: string): ChannelKind | null {
    return this.replyChannels().find((c) => c.channel === value)?.channel ?? null;
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape') {
      this.box()?.nativeElement.blur();
    }
  }

  protected submit(): void {
    const text = this.text().trim();
    if (!text || this.disabled()) return;
    const note = this.mode() === 'note';
    this.send.emit({ text, note, channel: note ? undefined : (this.channel() ?? undefined) });
    this.text.set('');
  }
}
