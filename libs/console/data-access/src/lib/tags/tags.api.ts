import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { TagView } from '@throughline/domain';
import type { Observable } from 'rxjs';

/** The workspace's tags: everyone reads them, admins change them. A conversation's own tags are set through ConversationsApi. */
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
}
