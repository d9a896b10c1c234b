import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthStore } from './auth.store';

/** Only our own API gets the token: relative `/api/...` URLs or absolute ones on this origin. */
function isApiRequest(url: string): boolean {
  if (url.startsWith('/api/') || url === '/api') return true;
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.origin === window.location.origin && parsed.pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

/** Sign-in, refresh and logout answer 401 for their own reasons: renewing and retrying would loop. */
function isAuthRequest(url: string): boolean {
  return /\/api\/auth\/(login|refresh|logout)$/.test(new URL(url, window.location.origin).pathname);
}

/**
 * Adds `Authorization: Bearer <token>` to API requests. When the API answers 401 to a request
 * that carried a token (expired or revoked), renews the token once with the refresh cookie and
 * retries; if that fails too, the store has signed the agent out.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const token = auth.token();
  if (!token || !isApiRequest(req.url) || req.headers.has('Authorization')) {
    return next(req);
  }
  const withToken = (value: string) => req.clone({ setHeaders: { Authorization: `Bearer ${value}` } });
  return next(withToken(token)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || isAuthRequest(req.url)) return throwError(() => error);
      // Another request may have renewed the token meanwhile; otherwise renew it now.
      const renewed = auth.token() !== token ? Promise.resolve(true) : auth.refresh();
      return from(renewed).pipe(
        switchMap((ok) => {
          const fresh = auth.token();
          return ok && fresh && fresh !== token ? next(withToken(fresh)) : throwError(() => error);
        }),
      );
    }),
  );
};
