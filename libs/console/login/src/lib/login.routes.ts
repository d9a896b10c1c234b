import type { Route } from '@angular/router';
import { LoginPageComponent } from './login-page/login-page.component';

export const loginRoutes: Route[] = [{ path: '', component: LoginPageComponent, title: 'Sign in · Throughline' }];
