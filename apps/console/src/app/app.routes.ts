import type { Route } from '@angular/router';
import { authGuard, guestGuard, roleGuard } from '@throughline/console/data-access';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canMatch: [guestGuard],
    loadChildren: () => import('@throughline/console/login').then((m) => m.loginRoutes),
  },
  {
    // Invite and reset links: whoever holds the token may set the password, signed in or not.
    path: 'invite/:token',
    data: { mode: 'invite' },
    title: 'Welcome · Throughline',
    loadComponent: () => import('@throughline/console/login').then((m) => m.PasswordPageComponent),
  },
  {
    path: 'reset/:token',
    data: { mode: 'reset' },
    title: 'New password · Throughline',
    loadComponent: () => import('@throughline/console/login').then((m) => m.PasswordPageComponent),
  },
  {
    path: 'account',
    canMatch: [authGuard],
    loadChildren: () => import('@throughline/console/login').then((m) => m.accountRoutes),
  },
  {
    // Agents who type /admin land back in the inbox, without downloading the admin code.
    path: 'admin',
    canMatch: [authGuard, roleGuard(['admin', 'supervisor'])],
    loadChildren: () => import('@throughline/console/admin').then((m) => m.adminRoutes),
  },
  {
    path: 'supervisor',
    canMatch: [authGuard, roleGuard(['admin', 'supervisor'])],
    loadChildren: () => import('@throughline/console/supervisor').then((m) => m.supervisorRoutes),
  },
  {
    path: 'reports',
    canMatch: [authGuard, roleGuard(['admin', 'supervisor'])],
    loadChildren: () => import('@throughline/console/reports').then((m) => m.reportsRoutes),
  },
  {
    path: '',
    canMatch: [authGuard],
    loadChildren: () => import('@throughline/console/inbox').then((m) => m.inboxRoutes),
  },
  { path: '**', redirectTo: '' },
];
