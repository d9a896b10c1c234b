export * from './message-id';
export * from './subject';
export * from './reply-stripping';
export * from './html';
export * from './attachments';
export * from './automated';
export * from './normalize-inbound';
