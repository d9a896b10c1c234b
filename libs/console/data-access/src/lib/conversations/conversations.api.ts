import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ConversationStatus, ConversationView, Page, QueueView } from '@throughline/domain';
import type { Observable } from 'rxjs';

export interface ConversationQuery {
  status?: ConversationStatus;
  queueId?: string;
  assigneeId?: string;
  cursor?: string | null;
  limit?: number;
}

@Injectable({ providedIn: 'root' })
export class ConversationsApi {
  private readonly http = inject(HttpClient);

  /** One page, newest `lastMessageAt` first; pass `nextCursor` back as `cursor` for the next. */
  list(query: ConversationQuery = {}): Observable<Page<ConversationView>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Page<ConversationView>>('/api/conversations', { params });
  }

  queues(): Observable<QueueView[]> {
    return this.http.get<QueueView[]>('/api/queues');
  }
}
