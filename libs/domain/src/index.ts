export * from './lib/channel';
export * from './lib/identity';
export * from './lib/identity-resolution';
export * from './lib/normalized-message';
export * from './lib/threading';
export * from './lib/thread-merge';
export * from './lib/conversation-ref';
export * from './lib/conversation-search';
export * from './lib/api';
export * from './lib/business-time';
export * from './lib/sla';
export * from './lib/realtime';
export * from './lib/chat';
export * from './lib/errors';
export * from './lib/storable-text';
export * from './lib/admin';
export * from './lib/queue-membership';
export * from './lib/canned-response-template';
export * from './lib/audit-redaction';
export * from './lib/survey-answers';
<<<<<<< HEAD
export * from './lib/agent-presence';
=======
export * from './lib/survey';
>>>>>>> wip/surveys
