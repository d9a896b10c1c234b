import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES, type Role } from '@throughline/domain';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import type { AuthenticatedUser } from './token.service';
import { UserAccessService } from './user-access.service';

export function roleAtLeast(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

/**
 * Global guard: a bearer token on every HTTP route not marked @Public, still valid for its user
 * (not revoked, user not disabled), and the route's minimum role checked against the user's
 * current role, so a demotion applies on the next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: UserAccessService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true; // sockets authenticate in their namespace middleware
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthenticatedUser }>();
    const match = /^Bearer\s+(.+)$/i.exec(request.headers['authorization'] ?? '');
    const session = match ? await this.access.authenticate(match[1]) : null;
    if (!session) throw new UnauthorizedException('a valid bearer token is required: POST /api/auth/login (or /api/auth/refresh) to get one');
    request.user = { id: session.id, email: session.email, role: session.role };
    const required = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? 'agent';
    if (!roleAtLeast(session.role, required)) throw new ForbiddenException(`this needs the ${required} role`);
    return true;
  }
}
