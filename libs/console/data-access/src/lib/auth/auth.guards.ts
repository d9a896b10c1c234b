import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth.store';

/** Lets signed-in agents through; sends everyone else to /login, remembering where they were going. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthStore).isAuthenticated()) return true;
  const router = inject(Router);
  const returnUrl = state.url && state.url !== '/' ? state.url : undefined;
  return router.createUrlTree(['/login'], returnUrl ? { queryParams: { returnUrl } } : {});
};

/** Keeps signed-in agents off the sign-in screen. */
export const guestGuard: CanActivateFn = () => {
  if (!inject(AuthStore).isAuthenticated()) return true;
  return inject(Router).createUrlTree(['/']);
};
