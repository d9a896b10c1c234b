import { inject } from '@angular/core';
import type { Route } from '@angular/router';
import { AuthStore, roleGuard } from '@throughline/console/data-access';
import { AdminShellComponent } from './admin-shell/admin-shell.component';

/** Connectors and imports change the workspace: admins only. Supervisors read the phrases and the report. */
const adminOnly = roleGuard(['admin'], '/admin/report');

export const adminRoutes: Route[] = [
  {
    path: '',
    component: AdminShellComponent,
    children: [
      {
        path: '',
        pathMatch: 'full',
        redirectTo: () => (inject(AuthStore).user()?.role === 'admin' ? 'connectors' : 'report'),
      },
      {
        path: 'connectors',
        canMatch: [adminOnly],
        title: 'Connectors · Throughline',
        loadComponent: () => import('./connectors/connectors-page.component').then((m) => m.ConnectorsPageComponent),
      },
      {
        path: 'connectors/new',
        canMatch: [adminOnly],
        title: 'New connector · Throughline',
        loadComponent: () => import('./connectors/connector-new.component').then((m) => m.ConnectorNewComponent),
      },
      {
        path: 'connectors/:connectorId',
        canMatch: [adminOnly],
        title: 'Connector · Throughline',
        loadComponent: () => import('./connectors/connector-detail.component').then((m) => m.ConnectorDetailComponent),
      },
      {
        path: 'people',
        canMatch: [adminOnly],
        title: 'People · Throughline',
        loadComponent: () => import('./people/people-page.component').then((m) => m.PeoplePageComponent),
      },
      {
        path: 'phrases',
        title: 'Phrase library · Throughline',
        loadComponent: () => import('./phrases/phrases-page.component').then((m) => m.PhrasesPageComponent),
      },
      {
        path: 'import',
        canMatch: [adminOnly],
        title: 'Catalog and orders · Throughline',
        loadComponent: () => import('./import/import-page.component').then((m) => m.ImportPageComponent),
      },
      {
        path: 'queues',
        title: 'Queues & teams · Throughline',
        loadComponent: () => import('./queues/queues-page.component').then((m) => m.QueuesPageComponent),
      },
      {
        path: 'canned-responses',
        title: 'Canned responses · Throughline',
        loadComponent: () => import('./canned-responses/canned-responses-page.component').then((m) => m.CannedResponsesPageComponent),
      },
      {
        path: 'audit',
        canMatch: [adminOnly],
        title: 'Audit log · Throughline',
        loadComponent: () => import('./audit-log/audit-log-page.component').then((m) => m.AuditLogPageComponent),
      },
      {
        path: 'surveys',
        canMatch: [adminOnly],
        title: 'Surveys · Throughline',
        loadComponent: () => import('./surveys/survey-settings-page.component').then((m) => m.SurveySettingsPageComponent),
      },
      {
        path: 'tags',
        canMatch: [adminOnly],
        title: 'Tags · Throughline',
        loadComponent: () => import('./tags/tags-page.component').then((m) => m.TagsPageComponent),
      },
      {
        path: 'report',
        title: 'Insights report · Throughline',
        loadComponent: () => import('./report/report-page.component').then((m) => m.ReportPageComponent),
      },
    ],
  },
];
