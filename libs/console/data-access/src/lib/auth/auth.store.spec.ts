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

  it('should post the credentials and keep token and user in localStorage when login succeeds', async () => {
    const { store, http } = setup();
    const done = store.login('agent@example.com', 'pw');
    const req = http.expectOne(LOGIN_URL);
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ email: 'agent@example.com', password: 'pw' });
    req.flush(response);
    await done;

    expect(store.token()).toBe('token-123');
    expect(store.user()?.name).toBe('Alex Agent');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toEqual(response);
  });

  it('should restore the session from localStorage when the app starts again', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(response));
    const { store } = setup();
    expect(store.isAuthenticated()).toBe(true);
    expect(store.token()).toBe('token-123');
    expect(store.user()).toEqual(response.user);
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
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(response));
    const { store } = setup();
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
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(response));
    const { store } = setup();
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    localStorage.removeItem(SESSION_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent('storage', { key: SESSION_STORAGE_KEY }));

    expect(store.isAuthenticated()).toBe(false);
  });

  /** A JWT-shaped token whose payload carries only `exp` (the console reads nothing else from it). */
  const tokenExpiringIn = (seconds: number) => `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + seconds }))}.s`;
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('should renew an expired stored session with the refresh cookie at start-up', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ ...response, accessToken: tokenExpiringIn(-10) }));
    const { store, http } = setup();
    expect(store.isAuthenticated()).toBe(false);
    const restored = store.restore();
    await flush();
    const renewed = { ...response, accessToken: tokenExpiringIn(900) };
    http.expectOne(REFRESH_URL).flush(renewed);
    await restored;
    expect(store.token()).toBe(renewed.accessToken);
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toEqual(renewed);
  });

  it('should sign out when the refresh cookie is refused, but keep the session through a network failure', async () => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(response));
    const { store, http } = setup();
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
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(response));
    const { store, http } = setup();
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
