export * from './lib/console-login/console-login.component';
