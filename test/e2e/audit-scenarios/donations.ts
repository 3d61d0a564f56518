import { randomUUID } from 'node:crypto';
import type { BootedApp } from '../../support/app';
import { http } from '../../support/http';
import type { AuditCtx, AuditScenario } from './platform';

const FUNDRAISER = 'fondos@minka.demo';
const post = async (app: BootedApp, ctx: AuditCtx, path: string, body: object, idempotent = false) =>
  http<{ id: string }>(app.url, 'POST', path, {
    token: await ctx.token(FUNDRAISER),
    body,
    headers: idempotent ? { 'idempotency-key': randomUUID() } : {},
  });

export const scenarios: Record<string, AuditScenario> = {
  'POST /api/v1/donations/campaigns': {
    action: 'donations.campaign_created',
    run: async (app, ctx) => {
      const res = await post(app, ctx, '/api/v1/donations/campaigns', {
        slug: 'auditoria-lluvias-2026',
        titleEs: 'Lluvias intensas en Piura',
        titleEn: 'Heavy rains in Piura',
        storyEs: 'Kits de higiene para familias damnificadas por las lluvias.',
        storyEn: 'Hygiene kits for families hit by the rains.',
        goalMinor: '10000000',
        milestonesMinor: ['5000000'],
        startsOn: '2026-02-01',
        commission: 'Comisión de fondos',
      });
      ctx.ids.donationCampaignId = res.body.id;
      return res;
    },
  },
  'PATCH /api/v1/donations/campaigns/:id': {
    action: 'donations.campaign_updated',
    run: async (app, ctx) =>
      http(app.url, 'PATCH', `/api/v1/donations/campaigns/${ctx.ids.donationCampaignId}`, {
        token: await ctx.token(FUNDRAISER),
        body: { status: 'active' },
      }),
  },
  'POST /api/v1/donations/donors': {
    action: 'donations.donor_created',
    run: async (app, ctx) => {
      const res = await post(app, ctx, '/api/v1/donations/donors', { kind: 'individual', name: 'Hilda Pari Choque' });
      ctx.ids.donorId = res.body.id;
      return res;
    },
  },
  'POST /api/v1/donations/pledges': {
    action: 'donations.pledge_created',
    run: async (app, ctx) => {
      const res = await post(app, ctx, '/api/v1/donations/pledges', {
        campaignId: ctx.ids.donationCampaignId,
        donorId: ctx.ids.donorId,
        amountMinor: '200000',
        dueOn: '2026-12-31',
      });
      ctx.ids.pledgeId = res.body.id;
      return res;
    },
  },
  'POST /api/v1/donations/pledges/:id/cancel': {
    action: 'donations.pledge_cancelled',
    run: (app, ctx) => post(app, ctx, `/api/v1/donations/pledges/${ctx.ids.pledgeId}/cancel`, {}),
  },
  'POST /api/v1/donations': {
    action: 'donations.donation_recorded',
    run: async (app, ctx) => {
      const res = await post(
        app,
        ctx,
        '/api/v1/donations',
        {
          campaignId: ctx.ids.donationCampaignId,
          donorId: ctx.ids.donorId,
          kind: 'money',
          amountMinor: '5000',
          currency: 'PEN',
          method: 'yape',
          receivedOn: '2026-03-01',
        },
        true,
      );
      ctx.ids.donationId = res.body.id;
      return res;
    },
  },
  'POST /api/v1/donations/:id/reversal': {
    action: 'donations.donation_reversed',
    run: (app, ctx) => post(app, ctx, `/api/v1/donations/${ctx.ids.donationId}/reversal`, { reason: 'Error de digitación' }, true),
  },
  'POST /api/v1/donations/bank-imports': {
    action: 'donations.bank_statement_imported',
    run: (app, ctx) =>
      post(app, ctx, '/api/v1/donations/bank-imports', {
        campaignId: ctx.ids.donationCampaignId,
        csv: 'fecha,referencia,monto,moneda,tipo_cambio,donante\n2026-03-02,AUD-0001,80.00,PEN,,Hilda Pari Choque\n',
      }),
  },
};
