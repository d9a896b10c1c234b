export * from './lib/conversation-page/conversation-page.component';
export * from './lib/composer/composer.component';
