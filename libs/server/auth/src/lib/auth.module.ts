import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { TokenService } from './token.service';

@Module({ providers: [TokenService, AuthService], exports: [TokenService, AuthService] })
export class AuthModule {}

/** For the HTTP API: login routes plus the guard that protects every other route. */
@Module({
  imports: [AuthModule],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthApiModule {}
