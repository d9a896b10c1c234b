import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { EmpathyPhraseView, ImportResultView, InsightsReportView, ProductView } from '@throughline/domain';
import type { Observable } from 'rxjs';

/** What `POST /api/products/import` and `POST /api/orders/import` take. */
export type ImportKind = 'products' | 'orders';

export type EmpathyPhraseChanges = Partial<Omit<EmpathyPhraseView, 'id'>>;

/** The phrase library, the catalog and orders imports and the insights report. */
@Injectable({ providedIn: 'root' })
export class InsightsAdminApi {
  private readonly http = inject(HttpClient);

  phrases(): Observable<EmpathyPhraseView[]> {
    return this.http.get<EmpathyPhraseView[]>('/api/empathy-phrases');
  }

  createPhrase(phrase: EmpathyPhraseView): Observable<EmpathyPhraseView> {
    return this.http.post<EmpathyPhraseView>('/api/empathy-phrases', phrase);
  }

  updatePhrase(id: string, changes: EmpathyPhraseChanges): Observable<EmpathyPhraseView> {
    return this.http.patch<EmpathyPhraseView>(`/api/empathy-phrases/${encodeURIComponent(id)}`, changes);
  }

  deletePhrase(id: string): Observable<unknown> {
    return this.http.delete(`/api/empathy-phrases/${encodeURIComponent(id)}`);
  }

  /** Sends the CSV as is; bad rows come back by line, the others are imported. */
  importCsv(kind: ImportKind, csv: string): Observable<ImportResultView> {
    return this.http.post<ImportResultView>(`/api/${kind}/import`, csv, { headers: new HttpHeaders({ 'Content-Type': 'text/csv' }) });
  }

  /** Full-text search over the catalog (all of it when `q` is empty), best match first. */
  products(q: string, limit = 100): Observable<ProductView[]> {
    const params: Record<string, string | number> = { limit };
    if (q.trim()) params['q'] = q.trim();
    return this.http.get<ProductView[]>('/api/products', { params });
  }

  report(days: number): Observable<InsightsReportView> {
    return this.http.get<InsightsReportView>('/api/insights/report', { params: { days } });
  }
}
