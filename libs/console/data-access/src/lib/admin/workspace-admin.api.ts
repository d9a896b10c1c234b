import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AuditEntryView, CannedResponseView, Page, QueueView, TeamView } from '@throughline/domain';
import type { Observable } from 'rxjs';

export interface QueueChanges {
  name?: string;
  memberIds?: string[];
  teamIds?: string[];
  archived?: boolean;
}

export interface TeamChanges {
  name?: string;
  memberIds?: string[];
}

export interface CannedResponseDraft {
  title: string;
  shortcut: string;
  text: string;
  shared: boolean;
}

export interface AuditLogFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  /** ISO times; `to` is exclusive. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** Queues, teams, canned responses and the audit log. */
@Injectable({ providedIn: 'root' })
export class WorkspaceAdminApi {
  private readonly http = inject(HttpClient);

  queues(): Observable<QueueView[]> {
    return this.http.get<QueueView[]>('/api/queues');
  }

  createQueue(name: string): Observable<QueueView> {
    return this.http.post<QueueView>('/api/queues', { name });
  }

  updateQueue(id: string, changes: QueueChanges): Observable<QueueView> {
    return this.http.patch<QueueView>(`/api/queues/${encodeURIComponent(id)}`, changes);
  }

  deleteQueue(id: string): Observable<unknown> {
    return this.http.delete(`/api/queues/${encodeURIComponent(id)}`);
  }

  teams(): Observable<TeamView[]> {
    return this.http.get<TeamView[]>('/api/teams');
  }

  createTeam(name: string, memberIds: string[]): Observable<TeamView> {
    return this.http.post<TeamView>('/api/teams', { name, memberIds });
  }

  updateTeam(id: string, changes: TeamChanges): Observable<TeamView> {
    return this.http.patch<TeamView>(`/api/teams/${encodeURIComponent(id)}`, changes);
  }

  /** The shared ones and the signed-in user's own. */
  cannedResponses(): Observable<CannedResponseView[]> {
    return this.http.get<CannedResponseView[]>('/api/canned-responses');
  }

  createCannedResponse(draft: CannedResponseDraft): Observable<CannedResponseView> {
    return this.http.post<CannedResponseView>('/api/canned-responses', draft);
  }

  updateCannedResponse(id: string, changes: Partial<CannedResponseDraft>): Observable<CannedResponseView> {
    return this.http.patch<CannedResponseView>(`/api/canned-responses/${encodeURIComponent(id)}`, changes);
  }

  deleteCannedResponse(id: string): Observable<unknown> {
    return this.http.delete(`/api/canned-responses/${encodeURIComponent(id)}`);
  }

  auditLog(filter: AuditLogFilter): Observable<Page<AuditEntryView>> {
    const params = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== '')) as Record<string, string | number>;
    return this.http.get<Page<AuditEntryView>>('/api/audit-log', { params });
  }
}
