import type { EntityManager } from 'typeorm';

/** What every demo seeder gets: the transaction, the demo organisations and users, a seeded RNG. */
export interface DemoContext {
  manager: EntityManager;
  /** Organisation id by slug (red-minka, wayra-ayllu, yaku-amazonia, sumaq-kawsay). */
  orgIds: Map<string, string>;
  /** User id by demo email (admin@minka.demo, coordinador@minka.demo, …). */
  userIds: Map<string, string>;
  /** Deterministic pseudo-random numbers in [0, 1): the demo data is the same on every machine. */
  random: () => number;
  progress: (label: string) => void;
}

export interface DemoSeeder {
  /** Stable name, recorded in demo_seed_runs once it ran. */
  name: string;
  run(ctx: DemoContext): Promise<void>;
}

/** mulberry32: small, fast, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
