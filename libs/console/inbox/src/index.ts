export * from './lib/console-inbox/console-inbox.component';
