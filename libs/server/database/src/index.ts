export * from './lib/entities';
export * from './lib/data-source';
export * from './lib/prepare-database';
export * from './lib/database.module';
export { MIGRATIONS } from './lib/migrations';
