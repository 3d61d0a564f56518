import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateOpenApiDocument } from './openapi';
import { projectRoot } from './config/runtime';

/** `npm run contract:generate` step 1: writes openapi.json at the repository root. */
async function main(): Promise<void> {
  const document = await generateOpenApiDocument();
  const file = path.join(projectRoot(), 'openapi.json');
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`Wrote ${path.relative(projectRoot(), file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
