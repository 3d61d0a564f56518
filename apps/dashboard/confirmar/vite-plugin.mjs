// Build step of the public confirmation page (/confirmar/), used by apps/dashboard/vite.config.ts.
// After the dashboard build has written confirmar/index.html and its files, it
//  1. lists what that HTML loads (script, style, icon) → the service worker's precache list,
//  2. builds src/sw.ts on its own as one classic script, confirmar/sw.js (no shared chunks, no
//     imports: a module service worker would not run in every phone browser),
//  3. sums the gzipped weight of everything the page loads and fails the build over the budget.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/** Issue #7: the confirmation page must stay under 150 KB transferred, everything included. */
export const CONFIRMAR_BUDGET_BYTES = 150 * 1024;

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Same-origin URLs that an HTML document loads through src= / href= (absolute paths, as Vite writes them). */
export function shellUrls(html, pagePath = '/confirmar/') {
  const urls = new Set([pagePath]);
  for (const match of html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    const url = new URL(match[1], `http://x${pagePath}`);
    if (url.host === 'x') urls.add(url.pathname);
  }
  return [...urls];
}

/** @returns {import('vite').Plugin} */
export function confirmarPage() {
  return {
    name: 'minka-confirmar-page',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir;
      const page = bundle['confirmar/index.html'];
      if (!outDir || !page || page.type !== 'asset') this.error('confirmar/index.html missing from the build');
      const html = String(page.source);
      const urls = shellUrls(html);
      const files = urls.map((url) => (url.endsWith('/') ? join(outDir, url, 'index.html') : join(outDir, url)));
      const contents = await Promise.all(files.map((file) => readFile(file)));
      const version = createHash('sha256');
      for (const content of contents) version.update(content);

      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        define: { __PRECACHE__: JSON.stringify(urls), __VERSION__: JSON.stringify(version.digest('hex').slice(0, 16)) },
        build: {
          outDir: join(outDir, 'confirmar'),
          emptyOutDir: false,
          copyPublicDir: false,
          sourcemap: false,
          target: 'es2020',
          rolldownOptions: { input: here('./src/sw.ts'), output: { format: 'iife', entryFileNames: 'sw.js' } },
        },
      });

      const weights = contents.map((content, i) => ({ url: urls[i], gzip: gzipSync(content, { level: 9 }).length }));
      weights.push({ url: '/confirmar/sw.js', gzip: gzipSync(await readFile(join(outDir, 'confirmar', 'sw.js')), { level: 9 }).length });
      const total = weights.reduce((sum, w) => sum + w.gzip, 0);
      const lines = weights.map((w) => `  ${(w.gzip / 1024).toFixed(1).padStart(6)} KB  ${w.url}`).join('\n');
      const summary = `confirmation page: ${(total / 1024).toFixed(1)} KB gzipped (budget ${CONFIRMAR_BUDGET_BYTES / 1024} KB)\n${lines}`;
      if (total > CONFIRMAR_BUDGET_BYTES) this.error(`over budget — ${summary}`);
      this.info?.(summary);
    },
  };
}
