import type { Role } from '../features/auth/api/auth-api';

/**
 * What each role sees in the menu. This only shapes the UI; the API enforces access on every call.
 * `path`s are Spanish because es-PE is the product's language; they never change with the UI language.
 */
export type ModuleId =
  'map' | 'communities' | 'needs' | 'inventory' | 'donations' | 'deliveries' | 'reports' | 'admin';

export interface ModuleEntry {
  id: ModuleId;
  path: string;
  roles: readonly Role[];
  /** false while the module is only a "coming soon" page. */
  built: boolean;
}

export const modules: readonly ModuleEntry[] = [
  {
    id: 'map',
    path: '/mapa',
    roles: ['admin', 'coordinator', 'storekeeper', 'fundraiser', 'leader'],
    built: true,
  },
  {
    id: 'communities',
    path: '/comunidades',
    roles: ['admin', 'coordinator', 'leader'],
    built: true,
  },
  {
    id: 'needs',
    path: '/necesidades',
    roles: ['admin', 'coordinator', 'storekeeper', 'leader'],
    built: true,
  },
  {
    id: 'inventory',
    path: '/inventario',
    roles: ['admin', 'coordinator', 'storekeeper'],
    built: true,
  },
  {
    id: 'donations',
    path: '/donaciones',
    roles: ['admin', 'coordinator', 'fundraiser', 'donor'],
    built: true,
  },
  {
    id: 'deliveries',
    path: '/entregas',
    // Plans, routes and the board are the coordinator's; leaders confirm from the confirmation page.
    roles: ['admin', 'coordinator'],
    built: true,
  },
  {
    id: 'reports',
    path: '/reportes',
    roles: ['admin', 'coordinator', 'fundraiser', 'donor'],
    built: true,
  },
  { id: 'admin', path: '/administracion', roles: ['admin'], built: false },
];

export const homePath = '/inicio';

export function canSee(roles: readonly Role[], module: ModuleEntry): boolean {
  return module.roles.some((role) => roles.includes(role));
}

/** Where "/" and the login send a user: every role has its own home (issue #8), with the sections of each of its roles. */
export function landingPath(_roles: readonly Role[]): string {
  return homePath;
}
