export * from './lib/console-data-access/console-data-access.component';
