import { SetMetadata } from '@nestjs/common';
import { ROLES, type Role } from './roles';

export const PUBLIC_ROUTE = 'minka:public';
export const ROUTE_ROLES = 'minka:roles';

/** The route needs no authentication. Every route declares either this or @Roles / @AnyRole. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The route needs an authenticated user holding at least one of these roles. */
export const Roles = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ROLES, roles);

/** Any authenticated user, whatever their role. */
export const AnyRole = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ROLES, [...ROLES]);
