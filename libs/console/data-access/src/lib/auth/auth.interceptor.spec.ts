import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthStore } from './auth.store';
import { SESSION_STORAGE_KEY } from './session';

const session = {
  accessToken: 'token-123',
  user: { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' as const },
};

function setup(signedIn: boolean) {
  localStorage.clear();
  TestBed.configureTestingModule({
    providers: [provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting(), provideRouter([])],
  });
  if (signedIn) TestBed.inject(AuthStore).adopt(session);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  return {
    client: TestBed.inject(HttpClient),
    http: TestBed.inject(HttpTestingController),
    auth: TestBed.inject(AuthStore),
    navigate,
  };
}

describe('authInterceptor', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('should add the bearer token to API requests when signed in', () => {
    const { client, http } = setup(true);
    client.get('/api/conversations').subscribe();
    const req = http.expectOne('/api/conversations');
    expect(req.request.headers.get('Authorization')).toBe('Bearer token-123');
    req.flush({ items: [], nextCursor: null });
  });

  it('should not send the token to other origins', () => {
    const { client, http } = setup(true);
    client.get('https://elsewhere.example/api/x').subscribe();
    const req = http.expectOne('https://elsewhere.example/api/x');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush({});
  });

  it('should send no Authorization header when signed out', () => {
    const { client, http } = setup(false);
    client.get('/api/queues').subscribe();
    const req = http.expectOne('/api/queues');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush([]);
  });

  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('should renew the token once and retry when the API answers 401 to an authenticated request', async () => {
    const { client, http, auth } = setup(true);
    const result = firstValueFrom(client.get('/api/conversations'));
    http.expectOne('/api/conversations').flush({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });
    await flush();
    http.expectOne('/api/auth/refresh').flush({ ...session, accessToken: 'token-456' });
    await flush();
    const retried = http.expectOne('/api/conversations');
    expect(retried.request.headers.get('Authorization')).toBe('Bearer token-456');
    retried.flush({ items: [], nextCursor: null });

    await expect(result).resolves.toEqual({ items: [], nextCursor: null });
    expect(auth.token()).toBe('token-456');
  });

  it('should sign out and go to /login when the token cannot be renewed either', async () => {
    const { client, http, auth, navigate } = setup(true);
    const result = firstValueFrom(client.get('/api/conversations'));
    http.expectOne('/api/conversations').flush({ statusCode: 401, error: 'Unauthorized', message: 'jwt expired' }, { status: 401, statusText: 'Unauthorized' });
    await flush();
    http.expectOne('/api/auth/refresh').flush({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(auth.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('should keep the session when the API answers another error', async () => {
    const { client, http, auth } = setup(true);
    const result = firstValueFrom(client.get('/api/conversations'));
    http.expectOne('/api/conversations').flush({ statusCode: 403 }, { status: 403, statusText: 'Forbidden' });

    await expect(result).rejects.toMatchObject({ status: 403 });
    expect(auth.isAuthenticated()).toBe(true);
  });
});
