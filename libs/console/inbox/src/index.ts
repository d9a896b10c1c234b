export * from './lib/inbox.routes';
export * from './lib/inbox-page/inbox-page.component';
