import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { generateOpenApiDocument } from '../../apps/api/src/openapi';

const root = path.resolve(__dirname, '../..');

describe('API contract', () => {
  it('matches the committed openapi.json (run `npm run contract:generate` after changing the API)', async () => {
    const fromCode = JSON.parse(JSON.stringify(await generateOpenApiDocument()));
    const committed = JSON.parse(readFileSync(path.join(root, 'openapi.json'), 'utf8'));
    expect(fromCode).toEqual(committed);
  });

  it('is a valid OpenAPI 3 document', async () => {
    const committed = JSON.parse(readFileSync(path.join(root, 'openapi.json'), 'utf8'));
    await expect(SwaggerParser.validate(committed)).resolves.toBeDefined();
    expect(committed.openapi).toMatch(/^3\./);
  });

  it('has generated types in libs/contracts identical to what openapi-typescript makes from openapi.json', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'minka-contract-'));
    try {
      const out = path.join(dir, 'openapi.d.ts');
      // Same options as `npm run contract:generate` (fields with a default stay optional for callers).
      const args = [path.join(root, 'openapi.json'), '--default-non-nullable', 'false', '-o', out];
      execFileSync(path.join(root, 'node_modules/.bin/openapi-typescript'), args, {
        stdio: 'pipe',
      });
      expect(readFileSync(out, 'utf8')).toEqual(readFileSync(path.join(root, 'libs/contracts/src/openapi.d.ts'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
