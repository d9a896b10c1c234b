import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ConversationCountsView } from '@throughline/domain';
import { debounceTime, firstValueFrom, merge, type Observable } from 'rxjs';
import { ConversationsApi } from '../conversations/conversations.api';
import { RealtimeService } from '../realtime/realtime.service';

/** Live changes arrive in bursts (a merge, a bulk import): count once the burst is over. */
export const COUNTS_DEBOUNCE_MS = 400;

/**
 * The numbers beside the inbox views. Counting is the server's job (it sees every conversation,
 * not the page the console holds), so any live change asks it again, debounced.
 */
@Injectable()
export class CountsStore {
  private readonly api = inject(ConversationsApi);
  private readonly realtime = inject(RealtimeService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly countsSignal = signal<ConversationCountsView | null>(null);
  private started = false;
  private inFlight = false;
  private again = false;

  /** Null until the first answer; then the last good one (a failed refresh keeps it). */
  readonly counts = this.countsSignal.asReadonly();

  start(): void {
    if (this.started) return;
    this.started = true;
    const changes: Observable<unknown> = merge(
      this.realtime.on('conversation.created'),
      this.realtime.on('conversation.updated'),
      this.realtime.on('message.created'),
      this.realtime.on('customer.merged'),
      this.realtime.connected$,
    );
    changes.pipe(debounceTime(COUNTS_DEBOUNCE_MS), takeUntilDestroyed(this.destroyRef)).subscribe(() => void this.refresh());
    void this.refresh();
  }

  /** Asks the server; a refresh requested while one is running runs once more after it. */
  async refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    try {
      this.countsSignal.set(await firstValueFrom(this.api.counts()));
    } catch {
      // Keep the last counts; the next change or reconnect asks again.
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      await this.refresh();
    }
  }
}
