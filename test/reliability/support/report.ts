import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(__dirname, '../../artifacts/reliability');

/** Each reliability test records its figures; print-report.cjs sums them after the run. */
export function recordFigures(name: string, figures: Record<string, number>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(figures, null, 2));
}
