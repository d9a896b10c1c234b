import { Body, Controller, Get, HttpCode, HttpException, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import type { LoginResponse, UserView } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';
import { CurrentUser, Public } from './auth.decorators';
import { AuthService, type IssuedSession } from './auth.service';
import { LoginDto } from './login.dto';
import { LoginThrottledError } from './login-throttle.service';
import type { AuthenticatedUser } from './token.service';
import { ChangePasswordDto, SetPasswordWithTokenDto } from './users.dto';

/** The refresh token's cookie: httpOnly (no script reads it), sent only to /api/auth, never cross-site. */
export const REFRESH_COOKIE = 'throughline_refresh';
const REFRESH_COOKIE_PATH = '/api/auth';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly cookie: CookieOptions;

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cookie = {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.publicUrl.startsWith('https:'),
      path: REFRESH_COOKIE_PATH,
      maxAge: config.refreshTtlSeconds * 1000,
    };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    try {
      return this.signIn(res, await this.auth.login(body.email, body.password, req.ip ?? 'unknown'));
    } catch (err) {
      if (!(err instanceof LoginThrottledError)) throw err;
      res.setHeader('Retry-After', String(err.retryAfterSeconds));
      throw new HttpException(err.message, HttpStatus.TOO_MANY_REQUESTS);
    }
  }

  /** A new access token for the refresh cookie (which is rotated); 401 means sign in again. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    const token = readCookie(req.headers.cookie, REFRESH_COOKIE);
    try {
      if (!token) throw new HttpException('no refresh cookie; sign in again', HttpStatus.UNAUTHORIZED);
      return this.signIn(res, await this.auth.refresh(token));
    } catch (err) {
      res.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
      throw err;
    }
  }

  /** Ends every session of the signed-in user: their tokens are refused and their sockets dropped. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthenticatedUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(user.id, readCookie(req.headers.cookie, REFRESH_COOKIE));
    res.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
  }

  /** Sets the password from an invite or reset link (the token says which) and signs the user in. */
  @Public()
  @Post(['accept-invite', 'reset-password'])
  @HttpCode(200)
  async setPasswordWithToken(@Body() body: SetPasswordWithTokenDto, @Res({ passthrough: true }) res: Response): Promise<LoginResponse> {
    return this.signIn(res, await this.auth.setPasswordWithToken(body.token, body.password));
  }

  /** Changes one's own password; other sessions end, this one continues with the returned token. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponse> {
    return this.signIn(res, await this.auth.changePassword(user.id, body.currentPassword, body.newPassword));
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserView> {
    return this.auth.me(user.id);
  }

  private signIn(res: Response, session: IssuedSession): LoginResponse {
    res.cookie(REFRESH_COOKIE, session.refreshToken, this.cookie);
    return session.response;
  }
}
