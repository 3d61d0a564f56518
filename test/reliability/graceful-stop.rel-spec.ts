import { request } from 'node:http';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startAppProcess } from './support/app-process';

describe('graceful stop', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ demo: true });
  });
  afterAll(() => db?.drop());

  it('on SIGTERM turns readiness 503 first, finishes the request in flight, and exits 0 within 10 s', async () => {
    const port = await findFreePort();
    const app = startAppProcess('graceful', port, { DATABASE_URL: db.url, SHUTDOWN_DRAIN_MS: '1500' });
    await app.waitReady();

    // A request in flight: headers and half of the body sent, the rest still to come.
    const body = JSON.stringify({ email: 'coordinador@minka.demo', password: 'minka-demo-2026' });
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => req.end(body.slice(20)), 1000);
    });
    await new Promise((r) => setTimeout(r, 100));
    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));

    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toMatch(/problem\+json/);

    const inFlight = await response;
    expect(inFlight.status).toBe(200);
    expect(JSON.parse(inFlight.text)).toEqual(expect.objectContaining({ accessToken: expect.any(String) }));

    expect(await app.exited()).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
  }, 90_000);
});
