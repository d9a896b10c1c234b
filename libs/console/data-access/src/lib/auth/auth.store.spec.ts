import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { LoginResponse } from '@throughline/domain';
import { AuthStore, LOGIN_URL, LoginError } from './auth.store';
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
    http
      .expectOne(LOGIN_URL)
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid credentials' }, { status: 401, statusText: 'Unauthorized' });

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
});
