import type { Route } from '@angular/router';
import { authGuard, guestGuard, roleGuard } from '@throughline/console/data-access';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canMatch: [guestGuard],
    loadChildren: () => import('@throughline/console/login').then((m) => m.loginRoutes),
  },
  {
    // Agents who type /admin land back in the inbox, without downloading the admin code.
    path: 'admin',
    canMatch: [authGuard, roleGuard(['admin', 'supervisor'])],
    loadChildren: () => import('@throughline/console/admin').then((m) => m.adminRoutes),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadChildren: () => import('@throughline/console/inbox').then((m) => m.inboxRoutes),
  },
  { path: '**', redirectTo: '' },
];
