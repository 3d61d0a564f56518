import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../apps/api/src/app.setup';
import { testConfig } from '../support/app';
import { startPgProcess, type PgProcess } from '../support/pg-process';

async function status(url: string): Promise<{ status: number; contentType: string | null; body: string }> {
  try {
    const res = await fetch(url);
    return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
  } catch {
    return { status: 0, contentType: null, body: '' };
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe('readiness follows PostgreSQL', () => {
  let dataDir: string;
  let pg: PgProcess;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    // A PostgreSQL of its own, so that stopping it does not disturb the other test files.
    dataDir = mkdtempSync(path.join(tmpdir(), 'minka-ready-'));
    chmodSync(dataDir, 0o755);
    pg = await startPgProcess(dataDir, { migrate: true });
    app = await createApp(testConfig(pg.url, { databasePoolSize: 4 }), { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is 200 while the database is up, 503 problem+json while it is stopped, and 200 again after it restarts without restarting the API', async () => {
    expect((await status(`${base}/health/ready`)).status).toBe(200);
    const port = pg.port;
    await pg.stop();

    const down = await status(`${base}/health/ready`);
    expect(down.status).toBe(503);
    expect(down.contentType).toMatch(/application\/problem\+json/);
    expect((await status(`${base}/health/live`)).status).toBe(200);
    // A data endpoint answers 503 too, never a 500 with internals.
    const data = await status(`${base}/api/v1/geography/departments`);
    expect(data.status).toBe(503);
    expect(data.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);

    pg = await startPgProcess(dataDir, { port });
    const tookMs = await waitFor(async () => (await status(`${base}/health/ready`)).status === 200, 15_000);
    expect(tookMs).toBeLessThan(15_000);
    expect((await status(`${base}/api/v1/geography/departments`)).status).toBe(200);
  }, 60_000);
});
