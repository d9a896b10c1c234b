import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ConversationView, TagView } from '@throughline/domain';
import type { Observable } from 'rxjs';

/** The workspace's tags (everyone reads them, admins change them) and a conversation's own tags (agents). */
@Injectable({ providedIn: 'root' })
export class TagsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<TagView[]> {
    return this.http.get<TagView[]>('/api/tags');
  }

  create(tag: Omit<TagView, 'id'>): Observable<TagView> {
    return this.http.post<TagView>('/api/tags', tag);
  }

  update(id: string, changes: Partial<Omit<TagView, 'id'>>): Observable<TagView> {
    return this.http.patch<TagView>(`/api/tags/${id}`, changes);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/tags/${id}`);
  }

  /** The conversation carries exactly these tags from now on. */
  setConversationTags(conversationId: string, tagIds: string[]): Observable<ConversationView> {
    return this.http.put<ConversationView>(`/api/conversations/${conversationId}/tags`, { tagIds });
  }
}
