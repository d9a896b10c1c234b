export * from './dovecot';
export * from './smtp-capture';
