export * from './lib/cursor';
export * from './lib/views';
export * from './lib/timeline-events.service';
export * from './lib/message-views.service';
export * from './lib/timeline-writer.service';
export * from './lib/timeline.module';
