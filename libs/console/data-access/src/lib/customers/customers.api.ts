import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CustomerView, MessageView, Page, PossibleMatchView, RealtimeEvents } from '@throughline/domain';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class CustomersApi {
  private readonly http = inject(HttpClient);

  get(id: string): Observable<CustomerView> {
    return this.http.get<CustomerView>(`/api/customers/${id}`);
  }

  /** Newest first across every conversation and channel; pass `nextCursor` back as `before`. */
  timeline(id: string, before: string | null, limit: number): Observable<Page<MessageView>> {
    let params = new HttpParams().set('limit', limit);
    if (before) params = params.set('before', before);
    return this.http.get<Page<MessageView>>(`/api/customers/${id}/timeline`, { params });
  }

  possibleMatches(id: string): Observable<PossibleMatchView[]> {
    return this.http.get<PossibleMatchView[]>(`/api/customers/${id}/possible-matches`);
  }

  /** The agent says the possible match is someone else; it is not offered again. */
  dismissMatch(id: string, matchId: string): Observable<unknown> {
    return this.http.post(`/api/customers/${id}/possible-matches/${matchId}/dismiss`, {});
  }

  merge(id: string, otherCustomerId: string): Observable<CustomerView> {
    return this.http.post<CustomerView>(`/api/customers/${id}/merge`, { otherCustomerId });
  }

  /** Undoes the merge of `mergedCustomerId` into `id`: what moved goes back. */
  unmerge(id: string, mergedCustomerId: string): Observable<RealtimeEvents['customer.unmerged']> {
    return this.http.post<RealtimeEvents['customer.unmerged']>(`/api/customers/${id}/unmerge`, { mergedCustomerId });
  }
}
