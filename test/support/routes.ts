import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { PUBLIC_ROUTE, ROUTE_ROLES } from '../../apps/api/src/platform/auth/access-policy.decorators';

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  roles: string[] | undefined;
}

/** Every route registered by a Nest controller, with its declared access policy. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!type || seen.has(type)) continue;
      seen.add(type);
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        if (name === 'constructor') continue;
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const path = `/${[base, sub]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        const isPublic = Boolean(Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, type));
        const roles = (Reflect.getMetadata(ROUTE_ROLES, handler) ?? Reflect.getMetadata(ROUTE_ROLES, type)) as string[] | undefined;
        routes.push({ method, path, controller: type.name, handler: name, isPublic, roles });
      }
    }
  }
  return routes;
}

/** A concrete URL for a route pattern: path parameters filled with well-formed placeholder values. */
export function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => (name === 'ubigeo' ? '080101' : '00000000-0000-4000-8000-000000000000'));
}
