import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ConnectorProvidersView, ConnectorTestView, ConnectorView, CreatedConnectorView, RawEventView, RotatedSecretView } from '@throughline/domain';
import type { Observable } from 'rxjs';

/** What an admin sends to create a connector (docs/architecture.md, "Contracts"). */
export interface NewConnector {
  name: string;
  kind: ConnectorView['kind'];
  provider: ConnectorView['provider'];
  queueId?: string;
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

/** An edit of a connector's settings; secrets listed replace the stored ones, the others stay. */
export interface ConnectorChanges {
  name?: string;
  queueId?: string | null;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

/** The admin's view of the channel connectors: health, settings, tests and the raw events that failed. */
@Injectable({ providedIn: 'root' })
export class ConnectorsApi {
  private readonly http = inject(HttpClient);

  /** Every provider's settings, described by the server from the schemas it validates with. */
  providers(): Observable<ConnectorProvidersView> {
    return this.http.get<ConnectorProvidersView>('/api/connectors/providers');
  }

  list(): Observable<ConnectorView[]> {
    return this.http.get<ConnectorView[]>('/api/connectors');
  }

  get(id: string): Observable<ConnectorView> {
    return this.http.get<ConnectorView>(`/api/connectors/${id}`);
  }

  /** The answer carries the signing secret, the only time it is ever shown. */
  create(connector: NewConnector): Observable<CreatedConnectorView> {
    return this.http.post<CreatedConnectorView>('/api/connectors', connector);
  }

  update(id: string, changes: ConnectorChanges): Observable<ConnectorView> {
    return this.http.patch<ConnectorView>(`/api/connectors/${id}`, changes);
  }

  /** The answer carries the new secret, the only time it is shown; the old one works for `graceSeconds` more. */
  rotateSecret(id: string, graceSeconds: number): Observable<RotatedSecretView> {
    return this.http.post<RotatedSecretView>(`/api/connectors/${id}/secret/rotate`, { graceSeconds });
  }

  setEnabled(id: string, enabled: boolean): Observable<ConnectorView> {
    return this.http.patch<ConnectorView>(`/api/connectors/${id}`, { enabled });
  }

  /** Tries the connector's servers; says which stage (DNS, connect, TLS, login, folder) failed. */
  test(id: string): Observable<ConnectorTestView> {
    return this.http.post<ConnectorTestView>(`/api/connectors/${id}/test`, {});
  }

  /** Raw events that could not become messages, newest first, with their error. */
  failedEvents(id: string): Observable<RawEventView[]> {
    return this.http.get<RawEventView[]>(`/api/connectors/${id}/events`, { params: { status: 'failed' } });
  }

  /** Sends a failed raw event through ingest again. */
  retryEvent(id: string, eventId: string): Observable<RawEventView> {
    return this.http.post<RawEventView>(`/api/connectors/${id}/events/${eventId}/retry`, {});
  }
}
