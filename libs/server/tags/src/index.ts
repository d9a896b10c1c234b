export * from './lib/tags.module';
