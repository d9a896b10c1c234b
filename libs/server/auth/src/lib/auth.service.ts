import { BadRequestException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LoginResponse, UserView } from '@throughline/domain';
import { AuditLogEntity, type UserEntity } from '@throughline/server/database';
import { LoginThrottle } from './login-throttle.service';
import { hashPassword, verifyPassword } from './password';
import { RefreshTokensService } from './refresh-tokens.service';
import { TokenService } from './token.service';
import { toUserView, UsersService } from './users.service';

/** A sign-in: the body for the client, and the refresh token for its httpOnly cookie. */
export interface IssuedSession {
  response: LoginResponse;
  refreshToken: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  // Compared against when the email is unknown, so response time doesn't reveal which emails exist.
  private decoyHash: Promise<string> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Checks a password (throttled per IP and account); throws LoginThrottledError or 401. */
  async login(email: string, password: string, ip: string): Promise<IssuedSession> {
    await this.throttle.attempt(ip, email);
    const user = await this.users.findByEmail(email);
    this.decoyHash ??= hashPassword('decoy-password-for-timing');
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || user.disabled) {
      // The email is kept to spot guessing; the password never is.
      this.logger.warn(`failed sign-in for ${JSON.stringify(email)} from ${ip}`);
      await this.db.getRepository(AuditLogEntity).insert({
        actorUserId: null,
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        details: { email: email.trim().toLowerCase(), ip, reason: failureReason(user) },
      });
      throw new UnauthorizedException('wrong email or password');
    }
    await this.throttle.succeeded(ip, email);
    return this.issue(user);
  }

  /** A new session for a user who just proved who they are (password, invite or reset link). */
  async issue(user: UserEntity, familyId?: string): Promise<IssuedSession> {
    const refreshToken = await this.refreshTokens.issue(user, familyId);
    return { response: { accessToken: this.tokens.issue(user), user: toUserView(user) }, refreshToken };
  }

  /** Rotates a refresh token: the presented one is used up, reuse of a used one ends its sign-in. */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const outcome = await this.db.transaction((manager) => this.refreshTokens.use(refreshToken, manager));
    if (!outcome.ok) throw new UnauthorizedException(`refresh token ${outcome.reason}; sign in again`);
    const user = await this.users.findById(outcome.userId);
    if (!user || user.disabled || user.tokenVersion !== outcome.tokenVersion) throw new UnauthorizedException('this session was ended; sign in again');
    return this.issue(user, outcome.familyId);
  }

  /** Ends every session of the user, on every device and socket. */
  async logout(userId: string, refreshToken: string | undefined): Promise<void> {
    if (refreshToken) await this.refreshTokens.revokeFamilyOf(refreshToken);
    await this.users.revokeSessions(userId);
  }

  async setPasswordWithToken(token: string, password: string): Promise<IssuedSession> {
    return this.issue(await this.users.setPasswordWithToken(token, password));
  }

  async changePassword(userId: string, currentPassword: string, newPassword: string): Promise<IssuedSession> {
    const user = await this.users.findById(userId);
    if (!user?.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) throw new BadRequestException('currentPassword is wrong');
    return this.issue(await this.users.changePassword(user, newPassword));
  }

  async me(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user || user.disabled) throw new UnauthorizedException('this account no longer exists');
    return toUserView(user);
  }
}

function failureReason(user: UserEntity | null): string {
  if (!user) return 'unknown email';
  if (user.disabled) return 'disabled';
  return user.passwordHash ? 'wrong password' : 'invite not accepted';
}
