export * from './lib/channel-badge/channel-badge.component';
export * from './lib/relative-time/relative-time.util';
export * from './lib/relative-time/relative-time.component';
export * from './lib/connection-indicator/connection-indicator.component';
export * from './lib/app-header/app-header.component';
