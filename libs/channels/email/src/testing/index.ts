export * from './dovecot';
export * from './free-port';
export * from './smtp-capture';
