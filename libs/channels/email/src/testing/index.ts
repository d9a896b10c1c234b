export * from './dovecot';
