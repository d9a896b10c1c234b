export * from './lib/login.routes';
export * from './lib/login-page/login-page.component';
export * from './lib/password-page/password-page.component';
