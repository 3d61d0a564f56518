import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AuditScenario } from './platform';

export type { AuditCtx, AuditScenario } from './platform';

/** Every scenario of every domain file in this folder (platform first, then alphabetical). */
export function loadAuditScenarios(): Record<string, AuditScenario> {
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .sort((a, b) => (a === 'platform.ts' ? -1 : b === 'platform.ts' ? 1 : a.localeCompare(b)));
  const all: Record<string, AuditScenario> = {};
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(__dirname, file)) as { scenarios: Record<string, AuditScenario> };
    for (const [route, scenario] of Object.entries(mod.scenarios)) {
      if (all[route]) throw new Error(`audit scenario for ${route} defined twice (${file})`);
      all[route] = scenario;
    }
  }
  return all;
}
