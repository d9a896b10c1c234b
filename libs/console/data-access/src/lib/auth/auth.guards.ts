import { inject } from '@angular/core';
import { type CanMatchFn, Router } from '@angular/router';
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
