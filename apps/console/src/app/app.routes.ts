import type { Route } from '@angular/router';
import { authGuard, guestGuard } from '@throughline/console/data-access';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [guestGuard],
    loadChildren: () => import('@throughline/console/login').then((m) => m.loginRoutes),
  },
  {
    path: '',
    pathMatch: 'full',
    canActivate: [authGuard],
    loadChildren: () => import('@throughline/console/inbox').then((m) => m.inboxRoutes),
  },
  { path: '**', redirectTo: '' },
];
