export * from './lib/channel-adapters';
export * from './lib/raw-events.service';
export * from './lib/ingest.service';
export * from './lib/ingest-sweeper.service';
export * from './lib/ingest.module';
export * from './lib/smtp-inbound.service';
export * from './lib/call-import.service';
export { HookIntake } from './lib/hook-intake.service';
