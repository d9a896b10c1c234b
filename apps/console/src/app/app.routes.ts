import type { Route } from '@angular/router';
import { authGuard, guestGuard } from '@throughline/console/data-access';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canMatch: [guestGuard],
    loadChildren: () => import('@throughline/console/login').then((m) => m.loginRoutes),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadChildren: () => import('@throughline/console/inbox').then((m) => m.inboxRoutes),
  },
  { path: '**', redirectTo: '' },
];
