import { parse } from 'csv-parse/sync';
import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http, login } from '../support/http';

interface Report {
  total: number;
  created: number;
  unchanged: number;
  rejected: number;
  rows: Array<{ line: number; status: string; errors: Array<{ field: string; message: string }> }>;
}

const EXPORT = '/api/v1/donations/export.csv';
const REASON = 'Conciliación mensual con contabilidad';
const HYPERLINK = '=HYPERLINK("http://malo.example/x","Ver recibo")';

describe('exchange API: CSV imports and personal-data exports', () => {
  let app: BootedApp;
  let admin: string;
  let fundraiser: string;
  let coordinator: string;
  let donor: string;
  let fundraiserId: string;
  let donorId: string;

  beforeAll(async () => {
    app = await bootApp();
    admin = (await login(app.url, 'admin@minka.demo')).accessToken;
    fundraiser = (await login(app.url, 'fondos@minka.demo')).accessToken;
    coordinator = (await login(app.url, 'coordinador@minka.demo')).accessToken;
    donor = (await login(app.url, 'donante@minka.demo')).accessToken;
    fundraiserId = (await app.dataSource.query(`SELECT id FROM users WHERE email = 'fondos@minka.demo'`))[0].id;
    const created = await http<{ id: string }>(app.url, 'POST', '/api/v1/donations/donors', {
      token: fundraiser,
      body: { kind: 'individual', name: HYPERLINK, email: 'formula@correo.pe', phone: '+51 984 111 222' },
    });
    expect(created.status).toBe(201);
    donorId = created.body.id;
    const campaignId = (await app.dataSource.query(`SELECT id FROM donation_campaigns WHERE slug = 'agua-segura-amazonia'`))[0].id;
    const donation = await http(app.url, 'POST', '/api/v1/donations', {
      token: fundraiser,
      headers: { 'idempotency-key': 'exchange-e2e-formula-donor' },
      body: { campaignId, donorId, kind: 'money', amountMinor: '5000', currency: 'PEN', method: 'yape', receivedOn: '2026-10-03' },
    });
    expect(donation.status).toBe(201);
  });
  afterAll(() => app.close());

  const exportAs = (token: string, reason?: string) =>
    http<string>(app.url, 'GET', reason === undefined ? EXPORT : `${EXPORT}?reason=${encodeURIComponent(reason)}`, { token });

  it('rejects without authentication', async () => {
    expectProblem(await http(app.url, 'GET', `${EXPORT}?reason=${encodeURIComponent(REASON)}`), 401, 'AUTH_REQUIRED');
    expectProblem(await http(app.url, 'POST', '/api/v1/donations/import', { body: { csv: 'x' } }), 401, 'AUTH_REQUIRED');
    expectProblem(await http(app.url, 'GET', '/api/v1/inventory/catalog/export.csv'), 401, 'AUTH_REQUIRED');
    expectProblem(await http(app.url, 'POST', '/api/v1/inventory/catalog/import', { body: { csv: 'x' } }), 401, 'AUTH_REQUIRED');
  });

  it('refuses a donations export without a reason, or with one too short to mean anything (400 naming reason)', async () => {
    for (const res of [await exportAs(admin), await exportAs(admin, 'porque')]) {
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect((res.body as unknown as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain('reason');
    }
  });

  it('lets only admins and fundraisers export donations: coordinators and donors get 403', async () => {
    expectProblem(await exportAs(coordinator, REASON), 403);
    expectProblem(await exportAs(donor, REASON), 403);
  });

  it('exports donors with formula-looking names escaped, and logs the reason per donor and in the audit log', async () => {
    const res = await exportAs(fundraiser, REASON);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const rows = parse<Record<string, string>>(res.body, { columns: true });
    const mine = rows.filter((r) => r.donor_email === 'formula@correo.pe');
    expect(mine.map((r) => [r.donor_name, r.donor_phone])).toEqual([[`'${HYPERLINK}`, "'+51 984 111 222"]]);
    expect(rows.every((r) => Object.values(r).every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);

    const log = await app.dataSource.query(`SELECT actor_user_id, fields, purpose FROM personal_data_access_log WHERE donor_id = $1`, [
      donorId,
    ]);
    expect(log).toEqual([
      { actor_user_id: fundraiserId, fields: ['name', 'email', 'phone', 'tax_id'], purpose: `GET ${EXPORT}: ${REASON}` },
    ]);
    const audit = await app.dataSource.query(`SELECT actor_user_id, summary FROM audit_log WHERE action = 'exchange.donations_exported'`);
    expect(audit).toEqual([{ actor_user_id: fundraiserId, summary: expect.stringContaining(`Reason: ${REASON}`) }]);
  });

  it('re-imports its own export without creating anything, then reports a bad row with its line and column', async () => {
    const exported = await http<string>(app.url, 'GET', `${EXPORT}?reason=${encodeURIComponent(REASON)}`, { token: admin });
    const again = await http<Report>(app.url, 'POST', '/api/v1/donations/import', { token: admin, body: { csv: exported.body } });
    expect(again.status).toBe(201);
    expect(again.body.created).toBe(0);
    expect(again.body.unchanged).toBe(again.body.total);

    const bad =
      'reference,received_on,campaign_slug,kind,amount,currency,method,donor_name\nOP-E2E-1,2026-10-04,agua-segura-amazonia,money,-5,PEN,yape,Ana Torres\n';
    const refused = await http(app.url, 'POST', '/api/v1/donations/import', { token: admin, body: { csv: bad } });
    expectProblem(refused, 422, 'EXCHANGE_IMPORT_REJECTED');
    const partial = await http<Report>(app.url, 'POST', '/api/v1/donations/import?partial=true', { token: admin, body: { csv: bad } });
    expect(partial.status).toBe(201);
    expect(partial.body.rows).toEqual([
      { line: 2, status: 'rejected', name: 'OP-E2E-1', id: null, errors: [expect.objectContaining({ field: 'amount' })] },
    ]);
  });

  it('allows 5 exports per user in 10 minutes, then answers 429 problem+json with Retry-After', async () => {
    // The fundraiser exported once above; four more are allowed.
    for (let i = 0; i < 4; i++) expect((await exportAs(fundraiser, REASON)).status).toBe(200);
    const limited = await exportAs(fundraiser, REASON);
    expectProblem(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Counted per user: the admin is not limited by the fundraiser's exports.
    expect((await exportAs(admin, REASON)).status).toBe(200);
  });
});
