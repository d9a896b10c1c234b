import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { absoluteTime, relativeTime } from './relative-time.util';

/** A timestamp as "5 min ago"; `now` comes from the parent so one clock ticks for a whole list. */
@Component({
  selector: 'tl-relative-time',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<time [attr.datetime]="at()" [attr.title]="title()">{{ label() }}</time>`,
  styles: `
    :host {
      white-space: nowrap;
    }
  `,
})
export class RelativeTimeComponent {
  readonly at = input.required<string>();
  readonly now = input.required<number>();
  protected readonly label = computed(() => relativeTime(this.at(), this.now()));
  protected readonly title = computed(() => absoluteTime(this.at()));
}
