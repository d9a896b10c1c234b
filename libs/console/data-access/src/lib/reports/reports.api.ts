import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChannelKind, ReportGroupBy, ReportSummaryView } from '@throughline/domain';
import type { Observable } from 'rxjs';

/** What a report covers: conversations created in [from, to) (ISO), grouped, optionally narrowed. */
export interface ReportQuery {
  from: string;
  to: string;
  groupBy: ReportGroupBy;
  queueId?: string | null;
  channel?: ChannelKind | null;
  agentId?: string | null;
}

function params(query: ReportQuery): Record<string, string> {
  const out: Record<string, string> = { from: query.from, to: query.to, groupBy: query.groupBy };
  if (query.queueId) out['queueId'] = query.queueId;
  if (query.channel) out['channel'] = query.channel;
  if (query.agentId) out['agentId'] = query.agentId;
  return out;
}

/** `GET /api/reports/summary` and its CSV (supervisors and admins). */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  summary(query: ReportQuery): Observable<ReportSummaryView> {
    return this.http.get<ReportSummaryView>('/api/reports/summary', { params: params(query) });
  }

  /** The same report as a CSV file (fetched with the session's token, so it is a Blob to save rather than a link). */
  summaryCsv(query: ReportQuery): Observable<Blob> {
    return this.http.get('/api/reports/summary.csv', { params: params(query), responseType: 'blob' });
  }
}
