import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { validationMessagesOf } from '../http/http-error.util';
import { ConnectorsApi } from './connectors.api';
import { InsightsAdminApi } from './insights-admin.api';

describe('admin API clients', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should ask for the failed raw events only, and retry one by its id', async () => {
    const api = TestBed.inject(ConnectorsApi);
    const events = firstValueFrom(api.failedEvents('conn-1'));
    const list = http.expectOne((r) => r.url === '/api/connectors/conn-1/events');
    expect(list.request.method).toBe('GET');
    expect(list.request.params.get('status')).toBe('failed');
    list.flush([]);
    await expect(events).resolves.toEqual([]);

    void firstValueFrom(api.retryEvent('conn-1', 'ev-9'));
    expect(http.expectOne('/api/connectors/conn-1/events/ev-9/retry').request.method).toBe('POST');
  });

  it('should turn a connector on or off with a PATCH of enabled alone, and test it with a POST', () => {
    const api = TestBed.inject(ConnectorsApi);
    void firstValueFrom(api.setEnabled('conn-1', false));
    const patch = http.expectOne('/api/connectors/conn-1');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { enabled: false }]);
    void firstValueFrom(api.test('conn-1'));
    expect(http.expectOne('/api/connectors/conn-1/test').request.method).toBe('POST');
  });

  it('should read the provider descriptions, edit a connector and rotate its secret with the grace period', () => {
    const api = TestBed.inject(ConnectorsApi);
    void firstValueFrom(api.providers());
    expect(http.expectOne('/api/connectors/providers').request.method).toBe('GET');
    void firstValueFrom(api.update('conn-1', { name: 'Renamed', secrets: { authToken: 't' } }));
    const patch = http.expectOne('/api/connectors/conn-1');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { name: 'Renamed', secrets: { authToken: 't' } }]);
    void firstValueFrom(api.rotateSecret('conn-1', 3600));
    const rotate = http.expectOne('/api/connectors/conn-1/secret/rotate');
    expect([rotate.request.method, rotate.request.body]).toEqual(['POST', { graceSeconds: 3600 }]);
  });

  it('should hand a form the messages of a 400 or 409 one by one, and nothing for other failures', () => {
    const error = (status: number, message: unknown) => new HttpErrorResponse({ status, error: { statusCode: status, message } });
    expect(validationMessagesOf(error(400, ['name must not be empty', 'config.host: is required']))).toEqual([
      'name must not be empty',
      'config.host: is required',
    ]);
    expect(validationMessagesOf(error(409, 'config.address: taken'))).toEqual(['config.address: taken']);
    expect(validationMessagesOf(error(500, 'boom'))).toBeNull();
    expect(validationMessagesOf(new Error('x'))).toBeNull();
  });

  it('should send an import as text/csv, exactly as written', () => {
    const api = TestBed.inject(InsightsAdminApi);
    const csv = 'sku,name,description,tags,price,upgrade_of\nA,Kettle,,,9.5,\n';
    void firstValueFrom(api.importCsv('orders', csv));
    const req = http.expectOne('/api/orders/import');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.get('Content-Type')).toBe('text/csv');
    expect(req.request.body).toBe(csv);
  });

  it('should search products only with a query, and ask the report for its window', () => {
    const api = TestBed.inject(InsightsAdminApi);
    void firstValueFrom(api.products('  '));
    const all = http.expectOne((r) => r.url === '/api/products');
    expect(all.request.params.has('q')).toBe(false);
    void firstValueFrom(api.products(' kettle '));
    expect(http.expectOne((r) => r.url === '/api/products').request.params.get('q')).toBe('kettle');
    void firstValueFrom(api.report(90));
    expect(http.expectOne((r) => r.url === '/api/insights/report').request.params.get('days')).toBe('90');
  });

  it('should address phrases by their id, escaped', () => {
    const api = TestBed.inject(InsightsAdminApi);
    void firstValueFrom(api.updatePhrase('calm-down', { enabled: false }));
    const patch = http.expectOne('/api/empathy-phrases/calm-down');
    expect([patch.request.method, patch.request.body]).toEqual(['PATCH', { enabled: false }]);
    void firstValueFrom(api.deletePhrase('a/b'));
    expect(http.expectOne('/api/empathy-phrases/a%2Fb').request.method).toBe('DELETE');
  });
});
