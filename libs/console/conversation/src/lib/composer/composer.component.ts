import { ChangeDetectionStrategy, Component, computed, ElementRef, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { CHANNEL_LABELS } from '@throughline/console/ui';
import { type CannedResponseContext, type CannedResponseView, type ChannelKind, renderCannedResponse, type ReplyChannelView } from '@throughline/domain';
import { matchCannedResponses, type SlashQuery, slashQueryAt } from './canned-picker';

export type ComposerMode = 'reply' | 'note';

export interface ComposerSubmit {
  text: string;
  note: boolean;
  channel: ChannelKind | undefined;
}

/**
 * Where the agent writes: a reply on the channel of the customer's last message by default (or
 * another channel the customer can be reached on), or an internal note. Ctrl/⌘+Enter sends.
 * Typing `/` opens the canned responses; arrows choose, Enter or Tab inserts it filled in.
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
      @if (matches().length) {
        <ul class="canned" id="canned-list" role="listbox" aria-label="Canned responses">
          @for (r of matches(); track r.id; let i = $index) {
            <li role="option" [id]="'canned-' + r.id" [attr.aria-selected]="i === active()" (mousedown)="$event.preventDefault(); pick(r)">
              <span class="shortcut">/{{ r.shortcut }}</span> <span class="title">{{ r.title }}</span>
              <span class="preview">{{ r.text }}</span>
            </li>
          }
        </ul>
      }
      <label class="visually-hidden" for="composer-text">{{ mode() === 'note' ? 'Internal note' : 'Reply to the customer' }}</label>
      <textarea
        #box
        id="composer-text"
        rows="3"
        [placeholder]="mode() === 'note' ? 'Write a note only your team sees…' : 'Write a reply…'"
        [value]="text()"
        (input)="onInput($any($event.target)); typing.emit()"
        (click)="slash.set(null)"
        [attr.aria-controls]="matches().length ? 'canned-list' : null"
        [attr.aria-activedescendant]="matches().length ? 'canned-' + matches()[active()]?.id : null"
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
    :host {
      display: block;
    }
    .composer {
      border: 1px solid var(--tl-border-strong);
      border-radius: 0.6rem;
      background: var(--tl-surface);
    }
    .composer[data-mode='note'] {
      background: #fffbeb;
      border-color: #fcd34d;
    }
    .tabs {
      display: flex;
      align-items: center;
      gap: 0.25rem;
      padding: 0.35rem 0.5rem 0;
    }
    .tab {
      white-space: nowrap;
      padding: 0.25rem 0.55rem;
      border: 0;
      border-radius: 0.35rem;
      background: none;
      font: inherit;
      font-size: 0.8rem;
      color: var(--tl-text-muted);
      cursor: pointer;
    }
    .tab[aria-selected='true'] {
      background: var(--tl-surface-muted);
      color: var(--tl-text);
      font-weight: 600;
    }
    kbd {
      font: inherit;
      font-size: 0.7rem;
      padding: 0 0.25rem;
      border: 1px solid var(--tl-border);
      border-radius: 0.25rem;
      color: var(--tl-text-muted);
    }
    .via {
      margin-left: auto;
      min-width: 0;
      display: flex;
      gap: 0.3rem;
      align-items: center;
      font-size: 0.75rem;
      color: var(--tl-text-muted);
    }
    select {
      width: auto;
      max-width: 11rem;
      font: inherit;
      font-size: 0.75rem;
    }
    textarea {
      display: block;
      width: 100%;
      min-height: 4.5rem;
      max-height: 16rem;
      resize: vertical;
      padding: 0.5rem 0.75rem;
      border: 0;
      background: transparent;
      font: inherit;
      font-size: 0.9rem;
    }
    textarea:focus {
      outline: none;
    }
    .composer:focus-within {
      box-shadow: 0 0 0 2px var(--tl-accent-soft);
      border-color: var(--tl-accent);
    }
    .foot {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 0 0.5rem 0.5rem 0.75rem;
    }
    .hint {
      font-size: 0.72rem;
      color: var(--tl-text-muted);
    }
    .send {
      padding: 0.35rem 0.9rem;
      border: 0;
      border-radius: 0.4rem;
      background: var(--tl-accent);
      color: #fff;
      font: inherit;
      font-size: 0.85rem;
      font-weight: 600;
      cursor: pointer;
    }
    .composer[data-mode='note'] .send {
      background: #b45309;
    }
    .send:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .composer {
      position: relative;
    }
    .canned {
      position: absolute;
      left: 0.5rem;
      right: 0.5rem;
      bottom: calc(100% - 2rem);
      z-index: 5;
      margin: 0;
      padding: 0.25rem;
      list-style: none;
      background: var(--tl-surface);
      border: 1px solid var(--tl-border-strong);
      border-radius: 0.5rem;
      box-shadow: 0 6px 20px rgb(0 0 0 / 12%);
    }
    .canned li {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0 0.5rem;
      padding: 0.3rem 0.5rem;
      border-radius: 0.35rem;
      cursor: pointer;
      font-size: 0.85rem;
    }
    .canned li[aria-selected='true'] {
      background: var(--tl-accent-soft);
    }
    .canned .shortcut {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      color: var(--tl-accent);
    }
    .canned .title {
      font-weight: 600;
    }
    .canned .preview {
      grid-column: 1 / -1;
      color: var(--tl-text-muted);
      font-size: 0.75rem;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
  `,
})
export class ComposerComponent {
  readonly replyChannels = input<ReplyChannelView[]>([]);
  /** The conversation's own channel, used when the server offered no list. */
  readonly fallbackChannel = input.required<ChannelKind>();
  readonly disabled = input(false);
  readonly cannedResponses = input<readonly CannedResponseView[]>([]);
  /** What the canned responses' placeholders are filled from. */
  readonly cannedContext = input<CannedResponseContext>({ customer: null, agent: null, conversationRef: null });
  readonly send = output<ComposerSubmit>();
  readonly typing = output<void>();

  private readonly box = viewChild<ElementRef<HTMLTextAreaElement>>('box');
  protected readonly mode = signal<ComposerMode>('reply');
  protected readonly text = signal('');
  /** The `/…` being typed, while the list is open. */
  protected readonly slash = signal<SlashQuery | null>(null);
  protected readonly matches = computed(() => {
    const slash = this.slash();
    return slash ? matchCannedResponses(this.cannedResponses(), slash.query) : [];
  });
  protected readonly active = linkedSignal({ source: this.matches, computation: () => 0 });
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

  protected onInput(box: HTMLTextAreaElement): void {
    this.text.set(box.value);
    this.slash.set(slashQueryAt(box.value, box.selectionStart));
  }

  /** Replaces the `/…` typed with the response, filled in, and puts the cursor after it. */
  pick(response: CannedResponseView): void {
    const slash = this.slash();
    if (!slash) return;
    const current = this.text();
    const end = slash.start + 1 + slash.query.length;
    const rendered = renderCannedResponse(response.text, this.cannedContext());
    this.text.set(`${current.slice(0, slash.start)}${rendered}${current.slice(end)}`);
    this.slash.set(null);
    const cursor = slash.start + rendered.length;
    queueMicrotask(() => {
      const box = this.box()?.nativeElement;
      box?.focus();
      box?.setSelectionRange(cursor, cursor);
    });
  }

  protected label(channel: ChannelKind): string {
    return CHANNEL_LABELS[channel] ?? channel;
  }

  protected asChannel(value: string): ChannelKind | null {
    return this.replyChannels().find((c) => c.channel === value)?.channel ?? null;
  }

  protected onKeydown(event: KeyboardEvent): void {
    const matches = this.matches();
    if (matches.length && this.pickerKey(event, matches)) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.submit();
    } else if (event.key === 'Escape') {
      this.box()?.nativeElement.blur();
    }
  }

  /** Arrows move through the open list, Enter or Tab inserts, Escape closes it; true when the key was the list's. */
  private pickerKey(event: KeyboardEvent, matches: CannedResponseView[]): boolean {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step) this.active.update((i) => (i + step + matches.length) % matches.length);
    else if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') this.pick(matches[this.active()]);
    else if (event.key === 'Escape') this.slash.set(null);
    else return false;
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  protected submit(): void {
    const text = this.text().trim();
    if (!text || this.disabled()) return;
    const note = this.mode() === 'note';
    this.send.emit({ text, note, channel: note ? undefined : (this.channel() ?? undefined) });
    this.text.set('');
  }
}
