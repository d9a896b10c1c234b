import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginResponse } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { describeHttpError } from '../http/http-error.util';
import { readStoredUser, type Session, SESSION_STORAGE_KEY, tokenExpiry, writeStoredUser } from './session';

export const LOGIN_URL = '/api/auth/login';
export const REFRESH_URL = '/api/auth/refresh';
export const LOGOUT_URL = '/api/auth/logout';

/** Renew the access token this long before it expires, so requests and the socket never carry a stale one. */
const REFRESH_AHEAD_MS = 60_000;
const REFRESH_LOCK = 'throughline.refresh';

/** Thrown by `AuthStore.login()`; `message` is ready to show under the form. */
export class LoginError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

/**
 * The signed-in agent. The access token is kept in memory only, out of reach of anything that
 * reads storage; localStorage notes just who is signed in (`throughline.session`), so a reload
 * renews the token with the refresh token the API keeps in an httpOnly cookie, and signing out
 * in one tab signs out every tab. The access token is short-lived: it is renewed before it
 * expires (and after a 401) with that cookie, which rotates on every use, so tabs take turns
 * (a Web Lock) and each renews with the cookie the previous one left.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly session = signal<Session | null>(null);
  private refreshing: Promise<boolean> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly token = computed(() => this.session()?.accessToken ?? null);
  readonly isAuthenticated = computed(() => this.session() !== null);

  constructor() {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return;
      const stored = readStoredUser();
      if (!stored) {
        if (!this.session()) return;
        this.session.set(null);
        this.clearRefreshTimer();
        void this.router.navigateByUrl('/login');
      } else if (stored.id !== this.session()?.user.id) {
        // Another tab signed in (as someone else): the refresh cookie is now that session's.
        void this.refresh();
      }
    };
    window.addEventListener('storage', onStorage);
    this.scheduleRefresh();
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('storage', onStorage);
      this.clearRefreshTimer();
    });
  }

  /** At start-up: when this browser was signed in, a token is fetched with the refresh cookie before the first route is chosen. */
  async restore(): Promise<void> {
    if (!this.session() && readStoredUser()) await this.refresh();
  }

  /** Signs in; rejects with a `LoginError` whose message can be shown as is. */
  async login(email: string, password: string): Promise<void> {
    let response: LoginResponse;
    try {
      response = await firstValueFrom(this.http.post<LoginResponse>(LOGIN_URL, { email, password }));
    } catch (error) {
      throw toLoginError(error);
    }
    this.adopt(response);
  }

  /** Starts the session the API answered with (sign-in, invite or reset link, password change). */
  adopt(response: LoginResponse): void {
    writeStoredUser(response.user);
    this.session.set({ accessToken: response.accessToken, user: response.user });
    this.scheduleRefresh();
  }

  /**
   * Renews the access token with the refresh cookie; true when it worked. A 401 (session ended,
   * user disabled) signs out; a network failure keeps the session to try again later.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.withRefreshLock(async () => {
      try {
        this.adopt(await firstValueFrom(this.http.post<LoginResponse>(REFRESH_URL, {})));
        return true;
      } catch (error) {
        if (error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403)) this.clear();
        return false;
      }
    }).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Ends the session on the server too (its tokens and sockets), then goes to the sign-in screen. */
  logout(): void {
    if (this.token()) {
      // Fire and forget: signing out locally must not wait for (or fail with) the network.
      this.http.post(LOGOUT_URL, {}).subscribe({ error: () => undefined });
    }
    this.clear();
  }

  /** Forgets the session locally (the API already refused it) and goes to the sign-in screen. */
  clear(): void {
    writeStoredUser(null);
    this.session.set(null);
    this.clearRefreshTimer();
    if (!this.router.url.startsWith('/login')) void this.router.navigateByUrl('/login');
  }

  private scheduleRefresh(): void {
    this.clearRefreshTimer();
    const exp = tokenExpiry(this.session()?.accessToken ?? '');
    if (exp === null) return;
    const delay = Math.max(exp * 1000 - Date.now() - REFRESH_AHEAD_MS, 5_000);
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  private clearRefreshTimer(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private withRefreshLock(run: () => Promise<boolean>): Promise<boolean> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    return locks ? locks.request(REFRESH_LOCK, run).then((ok) => ok) : run();
  }
}

function toLoginError(error: unknown): LoginError {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 401) return new LoginError('Wrong email or password', 401);
    if (error.status === 429) {
      const wait = Number(error.headers.get('Retry-After'));
      const when = wait > 0 ? `in ${wait > 90 ? `${Math.ceil(wait / 60)} minutes` : `${wait} seconds`}` : 'in a few minutes';
      return new LoginError(`Too many sign-in attempts. Try again ${when}.`, 429);
    }
    if (error.status === 400) return new LoginError('Enter your email address and password.', 400);
    return new LoginError(describeHttpError(error, 'Sign-in failed. Try again.'), error.status);
  }
  return new LoginError('Sign-in failed. Try again.', 0);
}
