import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let source: Promise<string> | null = null;

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) in the page and returns the serious and critical
 * violations, each with the selectors of the offending nodes so a failure message says where to look.
 * The script is injected from node_modules: nothing is fetched from the internet.
 */
export async function seriousAxeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: await source });
  const violations = await page.evaluate(async (exclude: string[]) => {
    // Runs in the browser: globalThis is the page's window.
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const context = { include: [['html']], exclude: exclude.map((s) => [s]) };
    const result = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, options.exclude ?? []);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable summary for a failed expectation: rule, impact, first offending selectors. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
    .join('\n');
}
