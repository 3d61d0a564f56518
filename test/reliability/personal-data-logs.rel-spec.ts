import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../../apps/api/src/database/embedded-postgres';
import { DEMO_PASSWORD, DEMO_USERS } from '../../apps/api/src/database/seed/demo-seed';
import { http, login } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { LOG_DIR, startAppProcess } from './support/app-process';

/** Runs the API as a process at trace level through sign-ins, failures and admin work, then scans every log this suite kept. */
describe('personal data in logs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ demo: true });
  });
  afterAll(() => db?.drop());

  it('never writes passwords, tokens, phone numbers, DNI/RUC or e-mails of seeded people', async () => {
    const port = await findFreePort();
    const app = startAppProcess('personal-data', port, { DATABASE_URL: db.url, LOG_LEVEL: 'trace' });
    await app.waitReady();
    const secrets: string[] = [DEMO_PASSWORD];
    const admin = await login(app.base, 'admin@minka.demo');
    secrets.push(admin.accessToken, admin.refreshToken);
    await http(app.base, 'POST', '/api/v1/auth/login', { body: { email: 'coordinador@minka.demo', password: 'not-the-password-77' } });
    await http(app.base, 'POST', '/api/v1/auth/login', { rawBody: '{"email": "lider@minka.demo", "password": ', headers: { 'content-type': 'application/json' } });
    await http(app.base, 'GET', '/api/v1/admin/users?q=lider@minka.demo', { token: admin.accessToken });
    const orgId = (await http<{ items: Array<{ id: string }> }>(app.base, 'GET', '/api/v1/admin/organizations', { token: admin.accessToken })).body.items[0].id;
    const newPassword = 'quinua-maiz-papa-2026';
    secrets.push(newPassword);
    await http(app.base, 'POST', '/api/v1/admin/users', {
      token: admin.accessToken,
      body: { organizationId: orgId, email: 'rosa.mamani@ejemplo.pe', fullName: 'Rosa Mamani', password: newPassword, roles: ['leader'] },
    });
    await http(app.base, 'POST', '/api/v1/admin/users', {
      token: admin.accessToken,
      body: { organizationId: orgId, email: 'rosa.mamani@ejemplo.pe', fullName: 'Rosa Mamani', password: newPassword, roles: ['leader'] },
    });
    const refreshed = await http<{ refreshToken: string }>(app.base, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: admin.refreshToken } });
    secrets.push(refreshed.body.refreshToken);
    app.child.kill('SIGTERM');
    await app.exited();

    const emails = [...DEMO_USERS.map((u) => u.email), 'rosa.mamani@ejemplo.pe'];
    const phone = /\+51\s?9\d{2}\s?\d{3}\s?\d{3}/;
    const dniOrRuc = /\b(?:10|15|17|20)\d{9}\b|\bDNI\D{0,3}\d{8}\b/;
    const leaks: string[] = [];
    for (const file of readdirSync(LOG_DIR).filter((f) => f.endsWith('.log'))) {
      const text = readFileSync(path.join(LOG_DIR, file), 'utf8');
      for (const secret of [...secrets, ...emails]) if (text.includes(secret)) leaks.push(`${file}: ${secret.slice(0, 12)}…`);
      if (phone.test(text)) leaks.push(`${file}: phone number`);
      if (dniOrRuc.test(text)) leaks.push(`${file}: DNI/RUC ${dniOrRuc.exec(text)?.[0]}`);
    }
    expect(readFileSync(path.join(LOG_DIR, 'personal-data.log'), 'utf8').length).toBeGreaterThan(1000);
    expect(leaks).toEqual([]);
  }, 90_000);
});
