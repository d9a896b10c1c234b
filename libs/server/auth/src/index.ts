export * from './lib/auth.decorators';
export * from './lib/auth.guard';
export * from './lib/auth.module';
export * from './lib/auth.service';
export * from './lib/password';
export * from './lib/token.service';
