import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { LoginResponse } from '@throughline/domain';
import { firstValueFrom } from 'rxjs';
import { describeHttpError } from '../http/http-error.util';
import { readStoredSession, type Session, SESSION_STORAGE_KEY, writeStoredSession } from './session';

export const LOGIN_URL = '/api/auth/login';

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
 * The signed-in agent. The session (token and user) is kept in localStorage under
 * `throughline.session`, so a reload keeps the agent signed in, and signing out in one tab
 * signs out every tab.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly session = signal<Session | null>(readStoredSession());

  readonly user = computed(() => this.session()?.user ?? null);
  readonly token = computed(() => this.session()?.accessToken ?? null);
  readonly isAuthenticated = computed(() => this.session() !== null);

  constructor() {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SESSION_STORAGE_KEY || event.key === null) {
        const next = readStoredSession();
        this.session.set(next);
        if (!next) void this.router.navigateByUrl('/login');
      }
    };
    window.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('storage', onStorage));
  }

  /** Signs in; rejects with a `LoginError` whose message can be shown as is. */
  async login(email: string, password: string): Promise<void> {
    let response: LoginResponse;
    try {
      response = await firstValueFrom(this.http.post<LoginResponse>(LOGIN_URL, { email, password }));
    } catch (error) {
      throw toLoginError(error);
    }
    const session: Session = { accessToken: response.accessToken, user: response.user };
    writeStoredSession(session);
    this.session.set(session);
  }

  /** Forgets the session and goes to the sign-in screen. */
  logout(): void {
    writeStoredSession(null);
    this.session.set(null);
    if (!this.router.url.startsWith('/login')) void this.router.navigateByUrl('/login');
  }
}

function toLoginError(error: unknown): LoginError {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 401) return new LoginError('Wrong email or password', 401);
    if (error.status === 429) {
      return new LoginError('Too many sign-in attempts. Wait a minute and try again.', 429);
    }
    if (error.status === 400) return new LoginError('Enter your email address and password.', 400);
    return new LoginError(describeHttpError(error, 'Sign-in failed. Try again.'), error.status);
  }
  return new LoginError('Sign-in failed. Try again.', 0);
}
