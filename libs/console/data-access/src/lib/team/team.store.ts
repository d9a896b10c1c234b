import { inject, Injectable, signal } from '@angular/core';
import type { QueueView, UserView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { ConversationsApi } from '../conversations/conversations.api';

/** The agents and queues of the workspace, loaded once per session for pickers and labels. */
@Injectable({ providedIn: 'root' })
export class TeamStore {
  private readonly api = inject(ConversationsApi);
  private readonly usersSignal = signal<UserView[]>([]);
  private readonly queuesSignal = signal<QueueView[]>([]);
  private loading: Promise<void> | null = null;

  readonly users = this.usersSignal.asReadonly();
  readonly queues = this.queuesSignal.asReadonly();

  /** Loads once; a failed load is tried again on the next call. */
  load(): Promise<void> {
    this.loading ??= Promise.all([firstValueFrom(this.api.users()), firstValueFrom(this.api.queues())]).then(
      ([users, queues]) => {
        this.usersSignal.set(users);
        this.queuesSignal.set(queues);
      },
      () => {
        this.loading = null;
      },
    );
    return this.loading;
  }

  userName(id: string | null): string | null {
    return id ? (this.usersSignal().find((u) => u.id === id)?.name ?? null) : null;
  }

  queueName(id: string | null): string | null {
    return id ? (this.queuesSignal().find((q) => q.id === id)?.name ?? null) : null;
  }
}
