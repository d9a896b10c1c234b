import { inject } from '@angular/core';
import { type CanMatchFn, Router } from '@angular/router';
import type { Role } from '@throughline/domain';
import { AuthStore } from './auth.store';

/**
 * Lets signed-in agents in; sends everyone else to /login, remembering where they were going.
 * A `canMatch` guard, so a signed-out visitor never even downloads the guarded feature's code.
 */
export const authGuard: CanMatchFn = (_route, segments) => {
  if (inject(AuthStore).isAuthenticated()) return true;
  const path = segments.map((s) => s.path).join('/');
  return inject(Router).createUrlTree(['/login'], path ? { queryParams: { returnUrl: `/${path}` } } : {});
};

/** Keeps signed-in agents off the sign-in screen. */
export const guestGuard: CanMatchFn = () => {
  if (!inject(AuthStore).isAuthenticated()) return true;
  return inject(Router).createUrlTree(['/']);
};

/**
 * Lets in only users with one of `roles` (e.g. the admin screens); everyone else goes to
 * `fallback` (the inbox by default), without downloading the guarded code.
 */
export function roleGuard(roles: readonly Role[], fallback = '/'): CanMatchFn {
  return () => {
    const role = inject(AuthStore).user()?.role;
    if (role && roles.includes(role)) return true;
    return inject(Router).parseUrl(fallback);
  };
}
