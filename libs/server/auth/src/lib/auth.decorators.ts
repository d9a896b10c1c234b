import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@throughline/domain';
import type { AuthenticatedUser } from './token.service';

export const PUBLIC_ROUTE = 'throughline:public';
export const REQUIRED_ROLE = 'throughline:role';

/** Webhooks, login and health answer without a token; everything else needs one. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The least role allowed; roles are ordered agent < supervisor < admin. */
export const MinRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthenticatedUser => ctx.switchToHttp().getRequest<{ user: AuthenticatedUser }>().user,
);
