import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { LoginResponse } from '@throughline/domain';
import { AuthStore, LOGIN_URL, LOGOUT_URL, LoginError, REFRESH_URL } from './auth.store';
import { SESSION_STORAGE_KEY } from './session';

const response: LoginResponse = {
  accessToken: 'token-123',
  user: { id: 'u1', email: 'agent@example.com', name: 'Alex Agent', role: 'agent' },
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  return { store: TestBed.inject(AuthStore), http: TestBed.inject(HttpTestingController) };
}

describe('AuthStore', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('should start signed out when nothing is stored', () => {
    const { store } = setup();
    expect(store.isAuthenticated()).toBe(false);
    expect(store.token()).toBeNull();
    expect(store.user()).toBeNull();
  });

  it('should post the credentials and keep the token in memory only (localStorage notes the user) when login succeeds', async () => {
    const { store, http } = setup();
    const done = store.login('agent@example.com', 'pw');
    const req = http.expectOne(LOGIN_URL);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'agent@example.com', password: 'pw' });
    req.flush(response);
    await done;

    expect(store.token()).toBe('token-123');
    expect(store.user()?.name).toBe('Alex Agent');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toEqual({ user: response.user });
    // Nothing a script could read from storage holds the token.
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) expect(storage.getItem(storage.key(i) ?? '')).not.toContain('token-123');
    }
  });

  it('should get a new token with the refresh cookie when the app starts again (a reload), before choosing a route', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user: response.user }));
    const { store, http } = setup();
    expect(store.isAuthenticated()).toBe(false);
    const restored = store.restore();
    await flush();
    http.expectOne(REFRESH_URL).flush({ ...response, accessToken: 'token-after-reload' });
    await restored;
    expect(store.token()).toBe('token-after-reload');
    expect(store.user()).toEqual(response.user);
  });

  it('should not ask the API at start-up when this browser was not signed in', async () => {
    const { store } = setup();
    await store.restore();
    expect(store.isAuthenticated()).toBe(false);
  });

  it('should reject with "Wrong email or password" and store nothing when the API answers 401', async () => {
    const { store, http } = setup();
    const done = store.login('agent@example.com', 'nope');
    http.expectOne(LOGIN_URL).flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials' }, { status: 401, statusText: 'Unauthorized' });

    await expect(done).rejects.toEqual(new LoginError('Wrong email or password', 401));
    expect(store.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('should say the server is unreachable when the request fails without a status', async () => {
    const { store, http } = setup();
    const done = store.login('agent@example.com', 'pw');
    http.expectOne(LOGIN_URL).error(new ProgressEvent('error'), { status: 0 });
    await expect(done).rejects.toThrow(/Can’t reach Throughline/);
  });

  it('should clear the stored session and go to /login when logging out', async () => {
    const { store } = setup();
    store.adopt(response);
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);

    store.logout();
    // The server ends the session too (tokens, refresh cookie, sockets).
    const logout = TestBed.inject(HttpTestingController).expectOne(LOGOUT_URL);
    expect(logout.request.method).toBe('POST');
    logout.flush(null, { status: 204, statusText: 'No Content' });

    expect(store.isAuthenticated()).toBe(false);
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('should sign out when another tab removes the session', () => {
    const { store } = setup();
    store.adopt(response);
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    localStorage.removeItem(SESSION_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));

    expect(store.isAuthenticated()).toBe(false);
  });

  it('should renew with the refresh cookie when another tab signs in as someone else', async () => {
    const { store, http } = setup();
    store.adopt(response);
    const other = { id: 'u2', email: 'sup@example.com', name: 'Sam Supervisor', role: 'supervisor' as const };
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user: other }));
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));
    await flush();
    http.expectOne(REFRESH_URL).flush({ accessToken: 'token-of-u2', user: other });
    await flush();
    expect(store.user()).toEqual(other);
    expect(store.token()).toBe('token-of-u2');
  });

  it('should sign out when the refresh cookie is refused, but keep the session through a network failure', async () => {
    const { store, http } = setup();
    store.adopt(response);
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    const offline = store.refresh();
    await flush();
    http.expectOne(REFRESH_URL).error(new ProgressEvent('error'), { status: 0 });
    expect(await offline).toBe(false);
    expect(store.isAuthenticated()).toBe(true);

    const refused = store.refresh();
    await flush();
    http.expectOne(REFRESH_URL).flush({ statusCode: 401 }, { status: 401, statusText: 'Unauthorized' });
    expect(await refused).toBe(false);
    expect(store.isAuthenticated()).toBe(false);
  });

  it('should send one refresh request however many callers ask at once', async () => {
    const { store, http } = setup();
    store.adopt(response);
    const all = Promise.all([store.refresh(), store.refresh(), store.refresh()]);
    await flush();
    http.expectOne(REFRESH_URL).flush({ ...response, accessToken: 'token-456' });
    expect(await all).toEqual([true, true, true]);
    expect(store.token()).toBe('token-456');
  });

  it('should say when to try again after too many sign-in attempts', async () => {
    const { store, http } = setup();
    const done = store.login('agent@example.com', 'pw');
    http.expectOne(LOGIN_URL).flush({ statusCode: 429 }, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '240' } });
    await expect(done).rejects.toEqual(new LoginError('Too many sign-in attempts. Try again in 4 minutes.', 429));
  });
});
