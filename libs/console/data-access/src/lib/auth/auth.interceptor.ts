import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
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

/**
 * Adds `Authorization: Bearer <token>` to API requests, and signs the agent out when the API
 * answers 401 to a request that carried a token (expired or revoked session).
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const token = auth.token();
  if (!token || !isApiRequest(req.url) || req.headers.has('Authorization')) {
    return next(req);
  }
  const authed = req.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
  return next(authed).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && auth.token() === token) {
        auth.logout();
      }
      return throwError(() => error);
    }),
  );
};
