import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ROLES, type Role } from '@throughline/domain';
import { APP_CONFIG, type AppConfig } from '@throughline/server/config';

export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
}

interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
}

@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.jwt = new JwtService({ secret: config.jwtSecret, signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'throughline' } });
  }

  issue(user: AuthenticatedUser): string {
    const claims: TokenClaims = { sub: user.id, email: user.email, role: user.role };
    return this.jwt.sign(claims);
  }

  /** The user a token names, or null when it is invalid, expired or forged. */
  verify(token: string): AuthenticatedUser | null {
    try {
      const claims = this.jwt.verify<TokenClaims>(token, { issuer: 'throughline' });
      if (!claims.sub || !(ROLES as readonly string[]).includes(claims.role)) return null;
      return { id: claims.sub, email: claims.email, role: claims.role };
    } catch {
      return null;
    }
  }
}
