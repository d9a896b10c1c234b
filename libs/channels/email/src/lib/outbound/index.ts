export * from './conversation-ref';
export * from './threading';
export * from './compose';
export * from './send';
