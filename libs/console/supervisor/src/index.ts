export * from './lib/supervisor.routes';
