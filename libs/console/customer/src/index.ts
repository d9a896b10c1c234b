export * from './lib/customer-panel/customer-panel.component';
