import type { Route } from '@angular/router';
import { LoginPageComponent } from './login-page/login-page.component';
import { PasswordPageComponent } from './password-page/password-page.component';

export const loginRoutes: Route[] = [{ path: '', component: LoginPageComponent, title: 'Sign in · Throughline' }];

/** The signed-in user's own password. */
export const accountRoutes: Route[] = [
  { path: 'password', component: PasswordPageComponent, data: { mode: 'change' }, title: 'Change password · Throughline' },
];
