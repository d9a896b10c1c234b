import type { Route } from '@angular/router';

export const reportsRoutes: Route[] = [
  {
    path: '',
    title: 'Reports · Throughline',
    loadComponent: () => import('./reports-page/reports-page.component').then((m) => m.ReportsPageComponent),
  },
];
