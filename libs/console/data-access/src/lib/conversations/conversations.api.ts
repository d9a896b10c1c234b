import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ChannelKind,
  ConversationCountsView,
  ConversationSort,
  ConversationStatus,
  ConversationView,
  MessageView,
  Page,
  Priority,
  QueueView,
  ReplyChannelView,
  PersonView,
} from '@throughline/domain';
import type { Observable } from 'rxjs';

export interface ConversationQuery {
  status?: ConversationStatus;
  queueId?: string;
  assigneeId?: string;
  channel?: ChannelKind;
  customerId?: string;
  q?: string;
  sort?: ConversationSort;
  /** Unresolved conversations in SLA trouble. */
  sla?: 'at_risk' | 'breached';
  /** Conversations carrying this tag (its id). */
  tag?: string;
  cursor?: string | null;
  limit?: number;
}

export interface ConversationChanges {
  status?: ConversationStatus;
  assigneeId?: string | null;
  queueId?: string | null;
  priority?: Priority;
  snoozedUntil?: string;
}

export interface NewMessage {
  text: string;
  channel?: ChannelKind;
  note?: boolean;
}

function paramsOf(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}

@Injectable({ providedIn: 'root' })
export class ConversationsApi {
  private readonly http = inject(HttpClient);

  /** One page in the query's sort; pass `nextCursor` back as `cursor` for the next. */
  list(query: ConversationQuery = {}): Observable<Page<ConversationView>> {
    return this.http.get<Page<ConversationView>>('/api/conversations', { params: paramsOf(query) });
  }

  counts(): Observable<ConversationCountsView> {
    return this.http.get<ConversationCountsView>('/api/conversations/counts');
  }

  get(id: string): Observable<ConversationView> {
    return this.http.get<ConversationView>(`/api/conversations/${id}`);
  }

  post(id: string, message: NewMessage): Observable<MessageView> {
    return this.http.post<MessageView>(`/api/conversations/${id}/messages`, message);
  }

  /** Sends a failed reply again. */
  /** `confirm`: the agent chose to send a reply whose earlier attempt may already be posted. */
  retry(conversationId: string, messageId: string, confirm = false): Observable<MessageView> {
    return this.http.post<MessageView>(`/api/conversations/${conversationId}/messages/${messageId}/retry`, confirm ? { confirm } : {});
  }

  update(id: string, changes: ConversationChanges): Observable<ConversationView> {
    return this.http.patch<ConversationView>(`/api/conversations/${id}`, changes);
  }

  /** The conversation carries exactly these tags from now on. */
  setTags(id: string, tagIds: string[]): Observable<ConversationView> {
    return this.http.put<ConversationView>(`/api/conversations/${id}/tags`, { tagIds });
  }

  markRead(id: string): Observable<void> {
    return this.http.post<void>(`/api/conversations/${id}/read`, {});
  }

  replyChannels(id: string): Observable<ReplyChannelView[]> {
    return this.http.get<ReplyChannelView[]>(`/api/conversations/${id}/reply-channels`);
  }

  queues(): Observable<QueueView[]> {
    return this.http.get<QueueView[]>('/api/queues');
  }

  users(): Observable<PersonView[]> {
    return this.http.get<PersonView[]>('/api/users');
  }
}
