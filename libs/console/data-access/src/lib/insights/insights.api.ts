import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AcceptedSuggestionView, InsightsView, OrderView, SuggestionView } from '@throughline/domain';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class InsightsApi {
  private readonly http = inject(HttpClient);

  forConversation(conversationId: string): Observable<InsightsView> {
    return this.http.get<InsightsView>(`/api/conversations/${conversationId}/insights`);
  }

  /** Records that the agent inserted a prompt into a reply. */
  promptUsed(conversationId: string, promptId: string): Observable<unknown> {
    return this.http.post(`/api/conversations/${conversationId}/prompt-uses`, { promptId });
  }

  accept(suggestionId: string): Observable<AcceptedSuggestionView> {
    return this.http.post<AcceptedSuggestionView>(`/api/suggestions/${suggestionId}/accept`, {});
  }

  dismiss(suggestionId: string, reason: string): Observable<SuggestionView> {
    return this.http.post<SuggestionView>(`/api/suggestions/${suggestionId}/dismiss`, { reason });
  }

  ordersOf(customerId: string): Observable<OrderView[]> {
    return this.http.get<OrderView[]>(`/api/customers/${customerId}/orders`);
  }
}
