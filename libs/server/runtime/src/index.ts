export * from './lib/bootstrap';
export * from './lib/root.modules';
