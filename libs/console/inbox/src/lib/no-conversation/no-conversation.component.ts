import { ChangeDetectionStrategy, Component } from '@angular/core';

/** What the right side shows before a conversation is opened. */
@Component({
  selector: 'tl-no-conversation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="empty">
      <p class="title">Pick a conversation</p>
      <p>Move with <kbd>j</kbd> <kbd>k</kbd>, open with <kbd>Enter</kbd>, press <kbd>?</kbd> for every shortcut.</p>
    </div>
  `,
  styles: `
    :host {
      display: grid;
      place-items: center;
      height: 100%;
      color: var(--tl-text-muted);
    }
    .empty {
      text-align: center;
      font-size: 0.875rem;
    }
    .title {
      margin: 0 0 0.3rem;
      font-weight: 600;
      color: var(--tl-text);
    }
    kbd {
      padding: 0 0.3rem;
      border: 1px solid var(--tl-border-strong);
      border-radius: 0.25rem;
      background: var(--tl-surface);
      font: inherit;
      font-size: 0.78rem;
    }
  `,
})
export class NoConversationComponent {}
