import { inject, Injectable, signal } from '@angular/core';
import type { AgentStatus, ChosenAgentStatus } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth/auth.store';
import { RealtimeService } from '../realtime/realtime.service';
import { SupervisorApi } from '../supervisor/supervisor.api';

/**
 * The signed-in agent's own presence for the header toggle: read on every (re)connect, kept live
 * from `agent.presence` events about them (another tab, or a supervisor setting them away).
 */
@Injectable({ providedIn: 'root' })
export class MyPresenceStore {
  private readonly api = inject(SupervisorApi);
  private readonly auth = inject(AuthStore);
  private readonly statusSignal = signal<AgentStatus | null>(null);
  private readonly savingSignal = signal(false);

  /** null until known. */
  readonly status = this.statusSignal.asReadonly();
  readonly saving = this.savingSignal.asReadonly();

  constructor() {
    const realtime = inject(RealtimeService);
    realtime.connected$.subscribe(() => void this.refresh());
    realtime.on('agent.presence').subscribe((view) => {
      if (view.userId === this.auth.user()?.id) this.statusSignal.set(view.status);
    });
  }

  /** A refused or failed change leaves the status shown as the server has it. */
  async choose(status: ChosenAgentStatus): Promise<void> {
    this.savingSignal.set(true);
    try {
      this.statusSignal.set((await firstValueFrom(this.api.chooseMyPresence(status))).status);
    } catch {
      await this.refresh();
    } finally {
      this.savingSignal.set(false);
    }
  }

  private async refresh(): Promise<void> {
    const view = await firstValueFrom(this.api.myPresence()).catch(() => null);
    if (view) this.statusSignal.set(view.status);
  }
}
