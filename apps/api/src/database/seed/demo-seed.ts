import * as argon2 from 'argon2';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { ARGON2_OPTIONS } from '../../auth/password-policy';
import { OrganizationEntity, type OrganizationKind } from '../../organizations/organization.entity';
import { AuditLogEntity } from '../../platform/audit/audit-log.entity';
import type { Role } from '../../platform/auth/roles';
import { UserEntity } from '../../users/user.entity';
import { type DemoContext, seededRandom } from './demo-context';
import { DemoSeedRunEntity } from './demo-seed-run.entity';
import { DEMO_SEEDERS } from './seeders';
import { TransactionRunner } from '../../platform/transaction/transaction-runner';

/** Demo only: refused when NODE_ENV=production. Listed in the README. */
export const DEMO_PASSWORD = 'minka-demo-2026';

export const DEMO_ORGANIZATIONS: Array<{ slug: string; name: string; kind: OrganizationKind; taxId: string; description: string }> = [
  {
    slug: 'red-minka',
    name: 'Red Minka de Ayuda Humanitaria',
    kind: 'network',
    taxId: '20600000011',
    description:
      'Red de organizaciones que coordina la recaudación, la logística y la entrega de kits (organización ficticia de demostración).',
  },
  {
    slug: 'wayra-ayllu',
    name: 'Asociación Wayra Ayllu',
    kind: 'ngo',
    taxId: '20600000029',
    description: 'ONG que atiende comunidades altoandinas de Cusco, Puno y Apurímac (ficticia).',
  },
  {
    slug: 'yaku-amazonia',
    name: 'Fundación Yaku Amazonía',
    kind: 'ngo',
    taxId: '20600000037',
    description: 'Fundación que lleva ayuda por río a comunidades de Loreto y Ucayali (ficticia).',
  },
  {
    slug: 'sumaq-kawsay',
    name: 'Colectivo Sumaq Kawsay',
    kind: 'community_org',
    taxId: '20600000045',
    description: 'Colectivo de comunidades de Huancavelica y Ayacucho (ficticio).',
  },
];

export const DEMO_USERS: Array<{ email: string; fullName: string; roles: Role[]; org: string; language: string }> = [
  { email: 'admin@minka.demo', fullName: 'Rosa Huamán Torres', roles: ['admin'], org: 'red-minka', language: 'es' },
  { email: 'coordinador@minka.demo', fullName: 'Jorge Condori Mamani', roles: ['coordinator'], org: 'wayra-ayllu', language: 'es' },
  { email: 'almacen@minka.demo', fullName: 'Lucía Quispe Ccori', roles: ['storekeeper'], org: 'wayra-ayllu', language: 'es' },
  { email: 'fondos@minka.demo', fullName: 'Carmen Salas Rengifo', roles: ['fundraiser'], org: 'red-minka', language: 'es' },
  { email: 'lider@minka.demo', fullName: 'Teodoro Ccahuana Huarcaya', roles: ['leader'], org: 'sumaq-kawsay', language: 'qu' },
  { email: 'donante@minka.demo', fullName: 'Patricia Vela Arévalo', roles: ['donor'], org: 'yaku-amazonia', language: 'es' },
];

export type SeedProgress = (done: number, total: number, label: string) => void;

const PLATFORM_SEEDER = 'platform.organizations_users';

export class DemoDataForbiddenError extends Error {
  constructor() {
    super('Demo data is never loaded when NODE_ENV=production.');
    this.name = 'DemoDataForbiddenError';
  }
}

/**
 * Loads the demo network in one transaction: organisations and one user per role, then every
 * domain seeder of DEMO_SEEDERS that has not run on this database yet. Returns false when there was
 * nothing left to do.
 */
export async function seedDemoData(dataSource: DataSource, nodeEnv: string, onProgress: SeedProgress = () => undefined): Promise<boolean> {
  if (nodeEnv === 'production') throw new DemoDataForbiddenError();
  // The ambient transaction: use cases that seeders call through their services (deliveries plans,
  // routes, confirmations) join it instead of opening their own, so the whole demo commits at once.
  return new TransactionRunner(dataSource).runAmbient(async (manager) => {
    // Serialise concurrent seeders (two instances booting on one empty database).
    await manager.query('SELECT pg_advisory_xact_lock(727002)');
    const done = new Set((await manager.find(DemoSeedRunEntity)).map((r) => r.name));
    const pending = [PLATFORM_SEEDER, ...DEMO_SEEDERS.map((s) => s.name)].filter((name) => !done.has(name));
    if (pending.length === 0) return false;
    const total = pending.length;
    let finished = 0;
    if (!done.has(PLATFORM_SEEDER)) {
      await seedOrganizationsAndUsers(manager);
      await manager.insert(DemoSeedRunEntity, { name: PLATFORM_SEEDER });
      onProgress(++finished, total, 'organizaciones y usuarios');
    }
    const orgIds = new Map<string, string>(
      (await manager.find(OrganizationEntity, { where: { slug: In(DEMO_ORGANIZATIONS.map((o) => o.slug)) } })).map((o) => [o.slug, o.id]),
    );
    const userIds = new Map<string, string>(
      (await manager.find(UserEntity, { where: { email: In(DEMO_USERS.map((u) => u.email)) } })).map((u) => [u.email, u.id]),
    );
    for (const seeder of DEMO_SEEDERS) {
      if (done.has(seeder.name)) continue;
      const ctx: DemoContext = {
        manager,
        orgIds,
        userIds,
        random: seededRandom(hash(seeder.name)),
        progress: (label) => onProgress(finished, total, `${seeder.name}: ${label}`),
      };
      await seeder.run(ctx);
      await manager.insert(DemoSeedRunEntity, { name: seeder.name });
      onProgress(++finished, total, seeder.name);
    }
    await recordSeed(manager, `Demo data loaded: ${pending.join(', ')}`);
    return true;
  });
}

async function seedOrganizationsAndUsers(manager: EntityManager): Promise<void> {
  const orgIds = new Map<string, string>();
  for (const org of DEMO_ORGANIZATIONS) {
    const saved = await manager.save(manager.create(OrganizationEntity, org));
    orgIds.set(org.slug, saved.id);
  }
  const passwordHash = await argon2.hash(DEMO_PASSWORD, ARGON2_OPTIONS);
  for (const user of DEMO_USERS) {
    await manager.save(
      manager.create(UserEntity, {
        email: user.email,
        fullName: user.fullName,
        roles: user.roles,
        organizationId: orgIds.get(user.org) as string,
        preferredLanguage: user.language,
        passwordHash,
      }),
    );
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

async function recordSeed(manager: EntityManager, summary: string): Promise<void> {
  await manager.insert(AuditLogEntity, {
    action: 'seed.demo_loaded',
    entityType: 'system',
    entityId: null,
    summary,
    actorUserId: null,
    organizationId: null,
    correlationId: null,
    ip: null,
  });
}
