import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';

export interface AuthenticatedUser {
  id: string;
  email: string;
  /** The user's role now (read from the users table by the guard, not the token's claim). */
  role: Role;
}

/** What a signature-valid access token says; the guard still checks it against the user's current state. */
export interface AccessClaims extends AuthenticatedUser {
  /** The user's token_version when it was issued: a bump revokes it. */
  version: number;
  /** Seconds since the epoch. */
  expiresAt: number;
}

interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  ver: number;
  exp?: number;
}

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.jwt = new JwtService({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'throughline' } });
  }

  issue(user: AuthenticatedUser & { tokenVersion: number }): string {
    const claims: TokenClaims = { sub: user.id, email: user.email, role: user.role, ver: user.tokenVersion };
    return this.jwt.sign(claims);
  }

  /** The claims of a token, or null when it is invalid, expired or forged. */
  verify(token: string): AccessClaims | null {
    try {
      const claims = this.jwt.verify<TokenClaims>(token, { issuer: 'throughline' });
      if (!claims.sub || !(ROLES as readonly string[]).includes(claims.role) || !Number.isInteger(claims.ver) || typeof claims.exp !== 'number') return null;
      return { id: claims.sub, email: claims.email, role: claims.role, version: claims.ver, expiresAt: claims.exp };
    } catch {
      return null;
    }
  }
}
