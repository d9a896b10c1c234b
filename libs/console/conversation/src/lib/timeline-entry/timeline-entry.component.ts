import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { ChannelBadgeComponent, RelativeTimeComponent } from '@throughline/console/ui';
import type { MessageView } from '@throughline/domain';
import { EmailBodyComponent } from '../email-body/email-body.component';
import { automatedLabelOf, callDetailsOf, emailAddressesOf, formatDuration, hasHiddenQuote, mentionDetailsOf } from './entry-details';

const OUTCOME_LABELS: Record<string, string> = {
  answered: 'Answered',
  missed: 'Missed',
  busy: 'Busy',
  voicemail: 'Voicemail',
  failed: 'Failed',
  'in-progress': 'In progress',
};

/** Where an entry of another conversation of the same customer came from. */
export interface OtherConversationRef {
  id: string;
  label: string;
}

/**
 * One entry of the customer's timeline: a message in or out on any channel, an internal note, or
 * a quiet system line. Email shows the new part with the quote one click away; calls their
 * outcome, duration, recording and transcript; mentions a link to the post.
 */
@Component({
  selector: 'tl-timeline-entry',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ChannelBadgeComponent, RelativeTimeComponent, EmailBodyComponent],
  templateUrl: './timeline-entry.component.html',
  styleUrl: './timeline-entry.component.css',
  host: {
    '[attr.data-direction]': 'message().direction',
    '[attr.data-entry-id]': 'message().id',
    '[class.other]': 'otherConversation() !== null',
  },
})
export class TimelineEntryComponent {
  readonly message = input.required<MessageView>();
  readonly now = input.required<number>();
  /** Set when the entry belongs to another conversation of the customer. */
  readonly otherConversation = input<OtherConversationRef | null>(null);
  readonly retry = output<MessageView>();
  readonly openConversation = output<string>();

  protected readonly showQuote = signal(false);
  protected readonly showTranscript = signal(false);
  protected readonly call = computed(() => callDetailsOf(this.message()));
  protected readonly mention = computed(() => mentionDetailsOf(this.message()));
  protected readonly quoteHidden = computed(() => hasHiddenQuote(this.message()));
  protected readonly automated = computed(() => automatedLabelOf(this.message()));
  protected readonly emailFrom = computed(() => (this.message().channel === 'email' ? emailAddressesOf(this.message(), 'from') : null));
  protected readonly emailTo = computed(() => (this.message().channel === 'email' ? emailAddressesOf(this.message(), 'to') : null));
  protected readonly body = computed(() => {
    const m = this.message();
    return this.showQuote() || !m.strippedText ? m.text : m.strippedText;
  });
  protected readonly author = computed(() => {
    const m = this.message();
    if (m.authorName) return m.authorName;
    return m.direction === 'inbound' ? 'Customer' : 'Agent';
  });

  protected outcomeLabel(outcome: string): string {
    return OUTCOME_LABELS[outcome] ?? outcome;
  }

  protected duration(seconds: number): string {
    return formatDuration(seconds);
  }
}
