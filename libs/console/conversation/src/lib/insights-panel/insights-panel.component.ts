import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { describeHttpError, InsightsApi, RealtimeService } from '@throughline/console/data-access';
import type { InsightsView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';

const EMOTION_LABELS: Record<string, string> = {
  anger: 'Angry',
  annoyance: 'Annoyed',
  disappointment: 'Disappointed',
  confusion: 'Confused',
  nervousness: 'Anxious',
  fear: 'Worried',
  sadness: 'Sad',
  gratitude: 'Grateful',
  joy: 'Happy',
  approval: 'Approving',
  caring: 'Caring',
  curiosity: 'Curious',
  desire: 'Wants something',
  excitement: 'Excited',
  optimism: 'Hopeful',
  relief: 'Relieved',
  remorse: 'Sorry',
  surprise: 'Surprised',
  realization: 'Realising',
  disapproval: 'Disapproving',
  embarrassment: 'Embarrassed',
  disgust: 'Disgusted',
  grief: 'Grieving',
  love: 'Loving',
  admiration: 'Admiring',
  amusement: 'Amused',
  pride: 'Proud',
  neutral: 'Neutral',
};

/** Reasons an agent can give for not offering a suggestion; recorded for the report. */
export const DISMISS_REASONS = ['Not relevant to this customer', 'Customer is not interested', 'Wrong moment', 'Already offered'] as const;

/**
 * Beside the conversation: what the customer feels (with the words that show it), what their
 * history says, what to say (one click inserts it), and what they may need next, or why that has
 * to wait. Recomputed by the server after each inbound message and pushed live.
 */
@Component({
  selector: 'tl-insights-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './insights-panel.component.html',
  styleUrl: './insights-panel.component.css',
})
export class InsightsPanelComponent {
  private readonly api = inject(InsightsApi);
  readonly conversationId = input.required<string>();
  /** Text to put into the reply (a phrase, a suggestion's pitch). */
  readonly insert = output<string>();

  protected readonly insights = signal<InsightsView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly dismissing = signal<string | null>(null);
  protected readonly dismissReasons = DISMISS_REASONS;

  constructor() {
    effect(() => {
      const id = this.conversationId();
      untracked(() => void this.load(id));
    });
    inject(RealtimeService)
      .on('insights.updated')
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(({ conversationId, insights }) => {
        if (conversationId === this.conversationId()) this.insights.set(insights);
      });
  }

  protected emotionLabel(label: string): string {
    return EMOTION_LABELS[label] ?? label;
  }

  /** The server words the reason as `resolve first: …`; the panel already says "Resolve first". */
  protected suppressedReason(reason: string): string {
    return reason.replace(/^resolve first:\s*/i, '');
  }

  protected percent(score: number): number {
    return Math.round(Math.max(0, Math.min(1, score)) * 100);
  }

  protected usePrompt(prompt: { id: string; text: string }): void {
    this.insert.emit(prompt.text);
    this.api.promptUsed(this.conversationId(), prompt.id).subscribe({ error: () => undefined });
  }

  protected async accept(suggestionId: string): Promise<void> {
    this.actionError.set(null);
    try {
      const accepted = await firstValueFrom(this.api.accept(suggestionId));
      this.insert.emit(accepted.pitch);
      this.removeSuggestion(suggestionId);
    } catch (error) {
      this.actionError.set(describeHttpError(error, 'Could not accept this suggestion.'));
    }
  }

  protected async dismiss(suggestionId: string, reason: string): Promise<void> {
    this.actionError.set(null);
    try {
      await firstValueFrom(this.api.dismiss(suggestionId, reason));
      this.dismissing.set(null);
      this.removeSuggestion(suggestionId);
    } catch (error) {
      this.actionError.set(describeHttpError(error, 'Could not dismiss this suggestion.'));
    }
  }

  protected retry(): void {
    void this.load(this.conversationId());
  }

  private removeSuggestion(id: string): void {
    const current = this.insights();
    if (current) this.insights.set({ ...current, suggestions: current.suggestions.filter((s) => s.id !== id) });
  }

  private async load(conversationId: string): Promise<void> {
    this.insights.set(null);
    this.error.set(null);
    try {
      const insights = await firstValueFrom(this.api.forConversation(conversationId));
      if (conversationId === this.conversationId()) this.insights.set(insights);
    } catch (error) {
      if (conversationId === this.conversationId()) this.error.set(describeHttpError(error, 'Could not load the insights.'));
    }
  }
}
