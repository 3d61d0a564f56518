import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { bootApp, type BootedApp } from '../support/app';
import { http, login } from '../support/http';
import { invalidArb, makeResolver, validArb, type Schema } from './support/openapi-fuzz';
import { recordFigures } from './support/report';

interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema }>;
  requestBody?: { content: { 'application/json'?: { schema: Schema } } };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

const REQUESTS_PER_OPERATION = Number(process.env.FUZZ_REQUESTS_PER_OPERATION ?? 300);
const ROLES = ['anonymous', 'admin@minka.demo', 'coordinador@minka.demo', 'almacen@minka.demo', 'fondos@minka.demo', 'lider@minka.demo', 'donante@minka.demo'];

const spec = JSON.parse(readFileSync(path.resolve(__dirname, '../../openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components: { schemas: Record<string, Schema> };
};

const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

describe('OpenAPI-driven fuzzing', () => {
  let app: BootedApp;
  const tokens = new Map<string, string>();
  const resolve = makeResolver(spec.components.schemas);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(spec.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);

  beforeAll(async () => {
    app = await bootApp();
    for (const role of ROLES.slice(1)) tokens.set(role, (await login(app.url, role)).accessToken);
  }, 60_000);
  afterAll(() => app.close());

  const operations: Operation[] = Object.entries(spec.paths).flatMap(([p, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path: p })),
  );

  it('sends generated requests to every operation as every role: no 5xx, every 4xx problem+json, every 2xx as documented', async () => {
    const failures: string[] = [];
    let sent = 0;
    let fivexx = 0;
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    process.stdout.write(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})\n`);
    for (const [opIndex, op] of operations.entries()) {
      const body = op.requestBody?.content['application/json']?.schema;
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const caseArb = fc.record({
        role: fc.constantFrom(...ROLES),
        valid: fc.boolean(),
        // An empty segment would address another route (the collection), so path values are never empty.
        // Nor "." or "..", which URL resolution removes (addressing the parent route).
        pathValues: fc.tuple(
          ...pathParams.map((p) =>
            fc.oneof(validArb(p.schema, resolve), fc.string({ minLength: 1, maxLength: 20 })).filter((v) => !['', '.', '..'].includes(String(v).trim())),
          ),
        ),
        query: fc.tuple(...queryParams.map((p) => fc.option(fc.oneof(validArb(p.schema, resolve), fc.string({ maxLength: 30 })), { nil: undefined }))),
        body: body ? fc.oneof(validArb(body, resolve), invalidArb(body, resolve)) : fc.constant(undefined),
        rawBody: fc.option(fc.constantFrom('{', '[]', 'null', '"x"', '{"a":'.repeat(50)), { freq: 8, nil: undefined }),
      });
      const samples = fc.sample(caseArb, { numRuns: REQUESTS_PER_OPERATION, seed: seed + opIndex });
      for (const c of samples) {
        let url = op.path;
        pathParams.forEach((p, i) => {
          url = url.replace(`{${p.name}}`, encodeURIComponent(asText(c.pathValues[i] ?? 'x')));
        });
        const qs = new URLSearchParams();
        queryParams.forEach((p, i) => {
          const v = c.query[i];
          if (v !== undefined) qs.set(p.name, asText(v));
        });
        const target = qs.toString() ? `${url}?${qs.toString()}` : url;
        const token = c.role === 'anonymous' ? undefined : tokens.get(c.role);
        const res = await http(app.url, op.method, target, {
          token,
          ...(op.method === 'GET' ? {} : c.rawBody !== undefined ? { rawBody: c.rawBody } : { body: c.body ?? {} }),
        });
        sent++;
        const label = `${op.method} ${target} as ${c.role} → ${res.status}`;
        if (res.status >= 500) {
          fivexx++;
          failures.push(`${label}: ${JSON.stringify(res.body).slice(0, 300)}`);
        } else if (res.status >= 400) {
          const ok =
            (res.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
            typeof (res.body).code === 'string' &&
            typeof (res.body).correlationId === 'string';
          if (!ok) failures.push(`${label}: not problem+json ${String(res.headers.get('content-type'))}`);
        } else if (res.status >= 200 && res.status < 300 && res.status !== 204) {
          const response = op.responses[String(res.status)];
          const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim();
          const documented = response?.content?.['application/json']?.schema;
          if (!response) failures.push(`${label}: status not documented`);
          else if (contentType === 'application/json') {
            if (!documented) failures.push(`${label}: JSON body not documented`);
            else if (!ajv.validate(documented as object, res.body)) failures.push(`${label}: ${ajv.errorsText(ajv.errors)}`);
          } else if (!Object.keys(response.content ?? {}).includes(contentType)) {
            // Files (CSV, PDF) must be served with a content type the contract declares.
            failures.push(`${label}: ${contentType} not documented (${Object.keys(response.content ?? {}).join(', ')})`);
          }
        }
      }
    }
    recordFigures('fuzz', { fuzzRequests: sent, fuzz5xx: fivexx, fuzzOperations: operations.length });
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBe(operations.length * REQUESTS_PER_OPERATION);
  }, 600_000);
});
