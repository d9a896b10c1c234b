export * from './lib/associations.service';
export * from './lib/catalog.service';
export * from './lib/empathy-phrases.service';
export * from './lib/insights.module';
export * from './lib/insights.service';
