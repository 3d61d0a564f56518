import { http } from '../../support/http';
import type { AuditScenario } from './platform';

/** Communities and needs: one successful call per mutation route. */
export const scenarios: Record<string, AuditScenario> = {
  'POST /api/v1/communities': {
    action: 'community.created',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', '/api/v1/communities', {
        token: ctx.admin,
        body: { placeCode: '0802050002', households: 40, languages: ['qu', 'es'], accessMode: 'trail', accessHours: 3 },
      });
      ctx.ids.communityId = res.body.id;
      return res;
    },
  },
  'POST /api/v1/communities/import': {
    action: 'community.imported',
    run: (app, ctx) =>
      http(app.url, 'POST', '/api/v1/communities/import', {
        token: ctx.admin,
        body: { csv: 'name,district_ubigeo,lat,lon,households\nAnexo Ccochapampa,080205,-14.03,-71.57,35\n' },
      }),
  },
  'POST /api/v1/communities/:id/leaders': {
    action: 'community.leader_added',
    run: (app, ctx) =>
      http(app.url, 'POST', `/api/v1/communities/${ctx.ids.communityId}/leaders`, {
        token: ctx.admin,
        body: { fullName: 'Hilaria Mamani Cusi', role: 'presidente_comunal', phone: '+51984000111', preferredLanguage: 'qu' },
      }),
  },
  'POST /api/v1/communities/:id/needs': {
    action: 'need.submitted',
    run: async (app, ctx) => {
      const res = await http<{ id: string }>(app.url, 'POST', `/api/v1/communities/${ctx.ids.communityId}/needs`, {
        token: ctx.admin,
        body: { lines: [{ kitTypeCode: 'KIT-ABR-FRI', quantity: 40 }], householdsAffected: 40, urgency: 4, cause: 'frost' },
      });
      ctx.ids.needId = res.body.id;
      return res;
    },
  },
  'POST /api/v1/needs/:id/transitions': {
    action: 'need.approved',
    run: (app, ctx) =>
      http(app.url, 'POST', `/api/v1/needs/${ctx.ids.needId}/transitions`, {
        token: ctx.admin,
        body: { status: 'approved', reason: 'Heladas verificadas por la comisión' },
      }),
  },
};
