import { computed, inject, Injectable, signal } from '@angular/core';
import type { PersonView, QueueView } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { ConversationsApi } from '../conversations/conversations.api';

/** The agents and queues of the workspace, loaded once per session for pickers and labels. */
@Injectable({ providedIn: 'root' })
export class TeamStore {
  private readonly api = inject(ConversationsApi);
  /** Disabled people too (admins see them), so past assignees keep their names. */
  private readonly usersSignal = signal<PersonView[]>([]);
  private readonly queuesSignal = signal<QueueView[]>([]);
  private loading: Promise<void> | null = null;

  /** Who can be picked: disabled people are never offered. */
  readonly users = computed(() => this.usersSignal().filter((u) => u.status !== 'disabled'));
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
