export * from './lib/presence.module';
export * from './lib/presence.service';
