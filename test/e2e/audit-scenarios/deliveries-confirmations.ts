import { createHmac } from 'node:crypto';
import { type BootedApp, TEST_SMS_WEBHOOK_SECRET } from '../../support/app';
import { createLoadedRoute, type LoadedStop } from '../../support/deliveries-fixture';
import { http } from '../../support/http';
import type { AuditCtx, AuditScenario } from './platform';

/**
 * Proof of delivery: one loaded stop per confirmation channel (written by the deliveries fixture,
 * outside any request, so its ledger audit rows carry no correlation id). The code and SMS channels
 * are anonymous: their audit row has no actor, only the plan's organisation.
 */
async function loadedStop(app: BootedApp): Promise<LoadedStop> {
  const [cusco] = await app.dataSource.query(`SELECT id FROM warehouses WHERE name LIKE '%Cusco%'`);
  const [community] = await app.dataSource.query(
    `SELECT c.id FROM communities c JOIN community_partners p ON p.community_id = c.id JOIN organizations o ON o.id = p.organization_id
      WHERE o.slug = 'wayra-ayllu' ORDER BY c.name LIMIT 1`,
  );
  const [kit] = await app.dataSource.query(`SELECT id FROM kit_types WHERE code = 'KIT-MED-BOT' AND is_current`);
  const [donation] = await app.dataSource.query(`SELECT id FROM donations WHERE campaign_id IS NOT NULL LIMIT 1`);
  const route = await createLoadedRoute(app, {
    depotWarehouseId: cusco.id,
    stops: [{ communityId: community.id, lines: [{ kitTypeId: kit.id, quantity: 2, funding: { type: 'donation', id: donation.id } }] }],
  });
  return route.stops[0];
}

const proof = (stop: LoadedStop): object => ({
  receivedByName: 'Eusebia Ccama',
  lines: stop.lines.map((l) => ({ lineId: l.id, accepted: l.dispatched })),
});

export const scenarios: Record<string, AuditScenario> = {
  'POST /api/v1/deliveries/stops/:stopId/confirmation': {
    action: 'deliveries.stop_confirmed',
    run: async (app, ctx: AuditCtx) => {
      const stop = await loadedStop(app);
      return http(app.url, 'POST', `/api/v1/deliveries/stops/${stop.id}/confirmation`, {
        token: await ctx.token('coordinador@minka.demo'),
        body: { channel: 'phone', ...proof(stop) },
      });
    },
  },
  'POST /api/v1/public/deliveries/confirm': {
    action: 'deliveries.stop_confirmed',
    anonymousActor: true,
    run: async (app) => {
      const stop = await loadedStop(app);
      return http(app.url, 'POST', '/api/v1/public/deliveries/confirm', { body: { code: stop.code, ...proof(stop) } });
    },
  },
  'POST /api/v1/webhooks/sms': {
    action: 'deliveries.stop_confirmed',
    anonymousActor: true,
    run: async (app) => {
      const stop = await loadedStop(app);
      const body = JSON.stringify({ from: '+51988123426', text: `MINKA ${stop.code} OK` });
      return http(app.url, 'POST', '/api/v1/webhooks/sms', {
        rawBody: body,
        headers: { 'x-minka-signature': `sha256=${createHmac('sha256', TEST_SMS_WEBHOOK_SECRET).update(body).digest('hex')}` },
      });
    },
  },
  'POST /api/v1/deliveries/alerts/run': {
    action: 'deliveries.overdue_alerts_run',
    run: async (app, ctx) => http(app.url, 'POST', '/api/v1/deliveries/alerts/run', { token: ctx.admin }),
  },
};
