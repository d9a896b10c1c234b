import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES, type Role } from '@throughline/domain';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import { type AuthenticatedUser, TokenService } from './token.service';

export function roleAtLeast(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

/** Global guard: a bearer token on every HTTP route not marked @Public, and the route's minimum role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true; // sockets authenticate in their namespace middleware
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const match = /^Bearer\s+(.+)$/i.exec(request.headers['authorization'] ?? '');
    const user = match ? this.tokens.verify(match[1]) : null;
    if (!user) throw new UnauthorizedException('a valid bearer token is required: POST /api/auth/login to get one');
    request.user = user;
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'agent';
    if (!roleAtLeast(user.role, required)) throw new ForbiddenException(`this needs the ${required} role`);
    return true;
  }
}
