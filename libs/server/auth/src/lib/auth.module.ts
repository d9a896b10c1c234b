import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountMailService } from './account-mail.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordTokensService } from './password-tokens.service';
import { RefreshTokensService } from './refresh-tokens.service';
import { TokenService } from './token.service';
import { UserAccessService } from './user-access.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  providers: [TokenService, UserAccessService, AuthService, UsersService, RefreshTokensService, PasswordTokensService, LoginThrottle, AccountMailService],
  exports: [TokenService, UserAccessService, AuthService, UsersService],
})
export class AuthModule {}

/** For the HTTP API: sign-in and people routes plus the guard that protects every other route. */
@Module({
  imports: [AuthModule],
  controllers: [AuthController, UsersController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthApiModule {}
