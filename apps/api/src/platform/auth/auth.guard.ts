import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DomainError } from '../errors/domain-error';
import { requestContext } from '../http/request-context';
import { AccessTokenService } from './access-token.service';
import { PUBLIC_ROUTE, ROUTE_ROLES } from './access-policy.decorators';
import type { AuthenticatedRequest, AuthenticatedUser } from './authenticated-user';
import { isRole, type Role } from './roles';

/**
 * Global guard, deny by default: a route is reachable only if it declares @Public() or the roles
 * allowed (@Roles / @AnyRole). The user's status, roles and session version are read fresh from
 * PostgreSQL on every request, so disabling a user or changing roles takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets);
    if (isPublic) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (!allowed || allowed.length === 0) {
      // A route without a declared policy is a programming error; refuse rather than guess.
      throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN);
    }
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const user = await this.authenticate(req);
    if (!user.roles.some((role) => allowed.includes(role))) throw new DomainError('FORBIDDEN', HttpStatus.FORBIDDEN);
    return true;
  }

  private async authenticate(req: AuthenticatedRequest): Promise<AuthenticatedUser> {
    const header = req.headers.authorization;
    if (!header) throw new DomainError('AUTH_REQUIRED', HttpStatus.UNAUTHORIZED, {}, undefined, { 'WWW-Authenticate': 'Bearer' });
    const match = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*\.[A-Za-z0-9\-_]*)$/.exec(header);
    const claims = match ? this.tokens.verify(match[1]) : null;
    if (!claims) throw invalidToken();
    const rows: Array<{
      id: string;
      organization_id: string;
      email: string;
      roles: string[];
      status: string;
      session_version: number;
      org_active: boolean;
    }> = await this.dataSource.query(
      `SELECT u.id, u.organization_id, u.email, u.roles, u.status, u.session_version, o.active AS org_active
           FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1`,
      [claims.sub],
    );
    const row = rows[0];
    if (!row || row.status !== 'active' || !row.org_active || row.session_version !== claims.sv) throw invalidToken();
    const user: AuthenticatedUser = { id: row.id, organizationId: row.organization_id, email: row.email, roles: row.roles.filter(isRole) };
    req.user = user;
    const ctx = requestContext.current();
    if (ctx) ctx.user = user;
    return user;
  }
}

function invalidToken(): DomainError {
  return new DomainError('AUTH_TOKEN_INVALID', HttpStatus.UNAUTHORIZED, {}, undefined, {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  });
}
