import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareRuntime, projectRoot } from '../config/runtime';
import { runMigrations } from './migrate';
import { schemaDiff } from './schema-diff';

/**
 * `npm run migration:generate -- VerbNoun`: migrates the configured database (embedded by default),
 * compares it with the entities and writes apps/api/src/database/migrations/<timestamp>-<VerbNoun>.ts.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    process.stderr.write('usage: npm run migration:generate -- VerbNoun   (PascalCase, e.g. AddWarehouses)\n');
    process.exit(2);
  }
  const runtime = await prepareRuntime(process.env, (line) => process.stderr.write(`${line}\n`));
  try {
    await runMigrations(runtime.config.databaseUrl);
    const diff = await schemaDiff(runtime.config.databaseUrl);
    if (diff.up.length === 0) {
      process.stdout.write('No schema changes: the entities match the migrations.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const indent = (queries: string[]): string => queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
    const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${indent(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${indent(diff.down)}
  }
}
`;
    const file = path.join(projectRoot(), 'apps/api/src/database/migrations', `${timestamp}-${name}.ts`);
    writeFileSync(file, source);
    process.stdout.write(`Wrote ${path.relative(projectRoot(), file)} (${diff.up.length} statements). Review it, then run npm test.\n`);
  } finally {
    await runtime.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
