import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AgentPresenceView, ChosenAgentStatus, SupervisorOverview } from '@throughline/domain';
import type { Observable } from 'rxjs';

/** The wallboard and presence routes. */
@Injectable({ providedIn: 'root' })
export class SupervisorApi {
  private readonly http = inject(HttpClient);

  overview(): Observable<SupervisorOverview> {
    return this.http.get<SupervisorOverview>('/api/supervisor/overview');
  }

  /** A supervisor sets an agent away or back online. */
  setPresence(userId: string, status: ChosenAgentStatus): Observable<AgentPresenceView> {
    return this.http.put<AgentPresenceView>(`/api/presence/${userId}`, { status });
  }

  myPresence(): Observable<AgentPresenceView> {
    return this.http.get<AgentPresenceView>('/api/me/presence');
  }

  chooseMyPresence(status: ChosenAgentStatus): Observable<AgentPresenceView> {
    return this.http.put<AgentPresenceView>('/api/me/presence', { status });
  }
}
