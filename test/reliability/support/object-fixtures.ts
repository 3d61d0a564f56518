import { randomUUID } from 'node:crypto';
import type { BootedApp } from '../../support/app';
import { http, login } from '../../support/http';

/**
 * The object-level dimension of the authorisation matrix (issue #10, point 6): every route with a
 * path parameter is classified here, by route family (path prefix up to its first parameter), as
 * either OBJECT-SCOPED — with, for each role the route admits, the scope of the objects that role
 * may reach, and a fixture that yields an object of the caller's own side and one of the other side
 * — or NOT-OBJECT (public slugs and codes, admin-only routes, the shared catalogue). The matrix
 * (object-matrix.rel-spec.ts) fails on any parameterised route found in neither.
 *
 * "Own" is the demo network (coordinador@/almacen@ of Asociación Wayra Ayllu, fondos@ of Red Minka,
 * lider@ of Pomacanchi, donante@'s donations); "other" is a second organisation created here
 * through the admin API, with its own coordinator, storekeeper, fundraiser and a leader of another
 * community, and objects they create through the API (plans, routes and stops by SQL).
 */

/**
 * organization: objects of the caller's organisation (or a partner community / co-organised campaign);
 * community: objects of communities whose leader record is linked to the caller;
 * own-record: the caller's own record (a donor's own donation);
 * network: deliberately readable/usable network-wide.
 */
/** The roles of apps/api/src/platform/auth/roles.ts (a role the registry does not know fails the matrix's scope check). */
export const ROLES = ['admin', 'coordinator', 'storekeeper', 'fundraiser', 'leader', 'donor'] as const;
export type Role = (typeof ROLES)[number];

export type Scope = 'organization' | 'community' | 'own-record' | 'network';
export type Side = 'own' | 'other';
export type Params = Record<string, string>;
export type NonAdminRole = Exclude<Role, 'admin'>;

export interface RouteRule {
  /** The scope of every role of the route's @Roles except admin (admins act on everything). */
  scopes: Partial<Record<NonAdminRole, Scope>>;
  /** A request body as valid as cheaply possible, so that the object check is reached. */
  body?: (w: World, role: Role, p: Params) => unknown;
  /** Also probe the route with the caller's own parent and the other side's child id (expected 403/404). */
  mixed?: boolean;
}

export interface ObjectFamily {
  kind: 'object';
  prefix: string;
  /** Values for every path parameter (and extra facts the bodies use) of one cell. */
  params: (w: World, role: Role, side: Side) => Promise<Params>;
  /** Keyed by `METHOD /full/path` exactly as listRoutes reports it. */
  routes: Record<string, RouteRule>;
}

export interface NotObjectFamily {
  kind: 'not-object';
  prefix: string;
  /** admin-only: every route of the family must be @Roles('admin'); public: every route must be @Public. */
  why: 'admin-only' | 'public' | 'catalogue';
  reason: string;
}

export type Family = ObjectFamily | NotObjectFamily;

export const DEMO_EMAIL: Record<Role, string> = {
  admin: 'admin@minka.demo',
  coordinator: 'coordinador@minka.demo',
  storekeeper: 'almacen@minka.demo',
  fundraiser: 'fondos@minka.demo',
  leader: 'lider@minka.demo',
  donor: 'donante@minka.demo',
};

const OTHER_PASSWORD = 'matriz-objetos-ajena-2026';

export interface World {
  app: BootedApp;
  /** Demo users (the "own" side). */
  tokens: Record<Role, string>;
  /** The other organisation's users. */
  otherTokens: { coordinator: string; storekeeper: string; fundraiser: string; leader: string };
  ids: {
    wayra: string;
    otherOrg: string;
    kitTypeId: string;
    leaderCommunity: string;
    coordCommunity: string;
    otherCommunity: string;
    cusco: string;
    puno: string;
    otherW1: string;
    otherW2: string;
    donationFundraiser: string;
    donationCoordinator: string;
    donationDonor: string;
    otherDonation: string;
    pledgeOwn: string;
    otherPledge: string;
    ownDonor: string;
    otherDonor: string;
    otherLot: string;
    campaignOwnFundraiser: string;
    campaignOwnCoordinator: string;
    otherCampaign: string;
    countOwn: string;
    countOwnLine: string;
    countOwnExpected: string;
    countOther: string;
    countOtherLine: string;
    countOtherExpected: string;
    alertOwn: string;
    alertOther: string;
  };
}

async function q<T = Record<string, unknown>>(app: BootedApp, sql: string, params: unknown[] = []): Promise<T[]> {
  return app.dataSource.query<T[]>(sql, params);
}

async function one<T = Record<string, unknown>>(app: BootedApp, what: string, sql: string, params: unknown[] = []): Promise<T> {
  const rows = await q<T>(app, sql, params);
  if (rows.length === 0) throw new Error(`object-matrix fixture: no ${what}`);
  return rows[0];
}

/** An API call the fixture needs to succeed. */
async function call<T = { id: string }>(app: BootedApp, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await http<T>(app.url, method, path, {
    token,
    body,
    headers: method === 'GET' ? {} : { 'idempotency-key': `fixture-${randomUUID()}` },
  });
  if (res.status < 200 || res.status > 299) {
    throw new Error(`object-matrix fixture: ${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  }
  return res.body;
}

const today = (): string => new Date().toISOString().slice(0, 10);
const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Builds both sides: finds the demo network's objects and creates the other organisation's. */
export async function buildWorld(app: BootedApp): Promise<World> {
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = (await login(app.url, DEMO_EMAIL[role])).accessToken;
  const admin = tokens.admin;

  // --- The other organisation and its people (through the admin API, as an administrator would).
  const suffix = randomUUID().slice(0, 8);
  const otherOrg = (
    await call(app, admin, 'POST', '/api/v1/admin/organizations', {
      name: `Organización ajena ${suffix}`,
      slug: `ajena-${suffix}`,
      kind: 'ngo',
    })
  ).id;
  const otherTokens = {} as World['otherTokens'];
  const otherUserIds = {} as Record<keyof World['otherTokens'], string>;
  for (const role of ['coordinator', 'storekeeper', 'fundraiser', 'leader'] as const) {
    const email = `${role}-${suffix}@ajena.test`;
    otherUserIds[role] = (
      await call(app, admin, 'POST', '/api/v1/admin/users', {
        organizationId: otherOrg,
        email,
        fullName: `Persona ajena ${role}`,
        password: OTHER_PASSWORD,
        roles: [role],
      })
    ).id;
    otherTokens[role] = (await login(app.url, email, OTHER_PASSWORD)).accessToken;
  }

  // --- Demo side.
  const wayra = (await one<{ id: string }>(app, 'wayra-ayllu', `SELECT id FROM organizations WHERE slug = 'wayra-ayllu'`)).id;
  const redMinka = (await one<{ id: string }>(app, 'red-minka', `SELECT id FROM organizations WHERE slug = 'red-minka'`)).id;
  const liderId = (await one<{ id: string }>(app, 'lider@', `SELECT id FROM users WHERE email = 'lider@minka.demo'`)).id;
  const donanteId = (await one<{ id: string }>(app, 'donante@', `SELECT id FROM users WHERE email = 'donante@minka.demo'`)).id;
  const leaderCommunity = (
    await one<{ community_id: string }>(
      app,
      "lider@'s community",
      'SELECT community_id FROM community_leaders WHERE user_id = $1 AND active ORDER BY created_at LIMIT 1',
      [liderId],
    )
  ).community_id;
  const coordCommunity = (
    await one<{ community_id: string }>(
      app,
      'a Wayra Ayllu partner community',
      `SELECT community_id FROM community_partners WHERE organization_id = $1 ORDER BY (community_id = $2) DESC, community_id LIMIT 1`,
      [wayra, leaderCommunity],
    )
  ).community_id;
  const kitTypeId = (await one<{ id: string }>(app, 'KIT-HIG-FAM', `SELECT id FROM kit_types WHERE code = 'KIT-HIG-FAM' AND is_current`))
    .id;
  const cusco = (await one<{ id: string }>(app, 'Cusco warehouse', `SELECT id FROM warehouses WHERE name LIKE 'Almacén Cusco%'`)).id;
  const puno = (await one<{ id: string }>(app, 'Puno warehouse', `SELECT id FROM warehouses WHERE name LIKE 'Almacén Puno%'`)).id;

  const donationDonor = (
    await one<{ id: string }>(
      app,
      "donante@'s donation",
      `SELECT x.id FROM donations x JOIN donors d ON d.id = x.donor_id WHERE d.user_id = $1 AND x.entry_type = 'donation' ORDER BY x.created_at LIMIT 1`,
      [donanteId],
    )
  ).id;
  const donationFundraiser = (
    await one<{ id: string }>(
      app,
      'a reversible Red Minka donation',
      `SELECT x.id FROM donations x JOIN donation_campaigns c ON c.id = x.campaign_id JOIN donors d ON d.id = x.donor_id
        WHERE c.organization_id = $1 AND x.entry_type = 'donation' AND NOT x.received_into_stock AND x.pledge_id IS NULL
          AND d.user_id IS NULL AND NOT EXISTS (SELECT 1 FROM donations r WHERE r.reverses_id = x.id)
        ORDER BY x.created_at LIMIT 1`,
      [redMinka],
    )
  ).id;
  const donationCoordinator = (
    await one<{ id: string }>(
      app,
      'a donation of a campaign co-organised by Wayra Ayllu',
      `SELECT x.id FROM donations x JOIN donation_campaigns c ON c.id = x.campaign_id
        WHERE $1 = ANY(c.partner_organization_ids) AND x.entry_type = 'donation' AND x.id <> $2 ORDER BY x.created_at LIMIT 1`,
      [wayra, donationFundraiser],
    )
  ).id;
  const campaignOwnFundraiser = (
    await one<{ id: string }>(
      app,
      'a Red Minka campaign',
      `SELECT id FROM donation_campaigns WHERE organization_id = $1 ORDER BY slug LIMIT 1`,
      [redMinka],
    )
  ).id;
  const campaignOwnCoordinator = (
    await one<{ id: string }>(
      app,
      'a campaign co-organised by Wayra Ayllu',
      `SELECT id FROM donation_campaigns WHERE $1 = ANY(partner_organization_ids) ORDER BY slug LIMIT 1`,
      [wayra],
    )
  ).id;
  const ownDonor = (
    await one<{ id: string }>(
      app,
      'a Red Minka donor',
      `SELECT id FROM donors WHERE organization_id = $1 AND user_id IS NULL ORDER BY name LIMIT 1`,
      [redMinka],
    )
  ).id;
  const pledgeOwn = (
    await call(app, tokens.fundraiser, 'POST', '/api/v1/donations/pledges', {
      campaignId: campaignOwnFundraiser,
      donorId: ownDonor,
      amountMinor: '100000',
      dueOn: inDays(60),
    })
  ).id;

  // Stock for reservations, transfers and deliveries of both sides.
  const receive = (token: string, warehouseId: string, lotCode: string): Promise<unknown> =>
    call(app, token, 'POST', '/api/v1/inventory/receipts', {
      warehouseId,
      lines: [{ kitTypeId, quantity: 2000, lotCode, expiryDate: inDays(400) }],
    });
  await receive(tokens.storekeeper, cusco, `MATRIZ-${suffix}`);

  // --- Other side: warehouses, stock, a community with its leader, fundraising.
  const warehouse = async (name: string, lat: number, lon: number): Promise<string> =>
    (
      await call(app, otherTokens.coordinator, 'POST', '/api/v1/inventory/warehouses', {
        name: `${name} ${suffix}`,
        latitude: lat,
        longitude: lon,
        districtUbigeo: '080101',
        capacityM3: 100,
      })
    ).id;
  const otherW1 = await warehouse('Almacén ajeno uno', -13.52, -71.97);
  const otherW2 = await warehouse('Almacén ajeno dos', -13.53, -71.96);
  await receive(otherTokens.storekeeper, otherW1, `AJENO-${suffix}`);

  const otherCommunity = (
    await call(app, otherTokens.coordinator, 'POST', '/api/v1/communities', {
      name: `Comunidad ajena ${suffix}`,
      districtUbigeo: '080101',
      lat: -13.51,
      lon: -71.98,
      households: 40,
    })
  ).id;
  await call(app, otherTokens.coordinator, 'POST', `/api/v1/communities/${otherCommunity}/leaders`, {
    fullName: 'Dirigente Ajeno de Prueba',
    role: 'presidente_comunal',
    userId: otherUserIds.leader,
  });

  const otherCampaign = (
    await call(app, otherTokens.fundraiser, 'POST', '/api/v1/donations/campaigns', {
      slug: `campana-ajena-${suffix}`,
      titleEs: 'Campaña ajena',
      titleEn: 'Other campaign',
      storyEs: 'Campaña de otra organización para la matriz de objetos.',
      storyEn: 'Another organisation’s campaign for the object matrix.',
      goalMinor: '1000000',
      startsOn: today(),
      commission: 'Comisión ajena',
      status: 'active',
    })
  ).id;
  const otherDonor = (
    await call(app, otherTokens.fundraiser, 'POST', '/api/v1/donations/donors', { kind: 'individual', name: 'Donante Ajeno' })
  ).id;
  const otherDonation = (
    await call(app, otherTokens.fundraiser, 'POST', '/api/v1/donations', {
      campaignId: otherCampaign,
      donorId: otherDonor,
      kind: 'money',
      amountMinor: '5000',
      currency: 'PEN',
      method: 'yape',
      receivedOn: today(),
    })
  ).id;
  const otherPledge = (
    await call(app, otherTokens.fundraiser, 'POST', '/api/v1/donations/pledges', {
      campaignId: otherCampaign,
      donorId: otherDonor,
      amountMinor: '100000',
      dueOn: inDays(60),
    })
  ).id;

  // --- Counts (one open session per side, with a line) and stock alerts.
  const openCount = async (token: string, warehouseId: string): Promise<{ id: string; line: string; expected: string }> => {
    const session = await call<{ id: string; lines: Array<{ id: string; expected: number }> }>(
      app,
      token,
      'POST',
      '/api/v1/inventory/counts',
      {
        warehouseId,
      },
    );
    if (session.lines.length === 0) throw new Error('object-matrix fixture: a count without lines');
    return { id: session.id, line: session.lines[0].id, expected: String(session.lines[0].expected) };
  };
  const ownCount = await openCount(tokens.storekeeper, cusco);
  const otherCount = await openCount(otherTokens.storekeeper, otherW1);
  const alert = async (warehouseId: string): Promise<string> =>
    (
      await one<{ id: string }>(
        app,
        'stock alert',
        `INSERT INTO stock_alerts (kind, subject_key, warehouse_id, kit_type_id, quantity, threshold, run_id)
         VALUES ('below_reorder', $1, $2, $3, 1, 5, gen_random_uuid()) RETURNING id`,
        [`matrix:${warehouseId}:${randomUUID()}`, warehouseId, kitTypeId],
      )
    ).id;

  return {
    app,
    tokens,
    otherTokens,
    ids: {
      wayra,
      otherOrg,
      kitTypeId,
      leaderCommunity,
      coordCommunity,
      otherCommunity,
      cusco,
      puno,
      otherW1,
      otherW2,
      donationFundraiser,
      donationCoordinator,
      donationDonor,
      otherDonation,
      pledgeOwn,
      otherPledge,
      ownDonor,
      otherDonor,
      otherLot: (
        await one<{ id: string }>(
          app,
          "the other side's lot",
          'SELECT id FROM stock_lots WHERE warehouse_id = $1 AND on_hand > 0 LIMIT 1',
          [otherW1],
        )
      ).id,
      campaignOwnFundraiser,
      campaignOwnCoordinator,
      otherCampaign,
      countOwn: ownCount.id,
      countOwnLine: ownCount.line,
      countOwnExpected: ownCount.expected,
      countOther: otherCount.id,
      countOtherLine: otherCount.line,
      countOtherExpected: otherCount.expected,
      alertOwn: await alert(cusco),
      alertOther: await alert(otherW1),
    },
  };
}

// ------------------------------------------------------------------ fresh objects (state changes per cell)

/** A need of a community, fresh for each cell (a transition changes its status). */
export async function freshNeed(w: World, communityId: string, status: 'submitted' | 'approved'): Promise<string> {
  const [need] = await q<{ id: string }>(
    w.app,
    `INSERT INTO need_requests (community_id, status, urgency, cause, households_affected)
     VALUES ($1, $2, 3, 'frost', 10) RETURNING id`,
    [communityId, status],
  );
  await q(w.app, `INSERT INTO need_request_lines (need_request_id, kit_type_code, quantity) VALUES ($1, 'KIT-HIG-FAM', 5)`, [need.id]);
  return need.id;
}

/**
 * A delivery plan graph written by SQL, as the deliveries domain would have left it after
 * optimisation: plan (optimised) → vehicle → route (planned) → stop (pending, sequence 1) → line.
 * Fresh per cell: cancelling, removing a vehicle or loading a route must not disturb other cells.
 */
export async function freshPlan(w: World, side: Side): Promise<Params> {
  const own = side === 'own';
  const org = own ? w.ids.wayra : w.ids.otherOrg;
  const depot = own ? w.ids.cusco : w.ids.otherW1;
  const community = own ? w.ids.leaderCommunity : w.ids.otherCommunity;
  const [plan] = await q<{ id: string }>(
    w.app,
    `INSERT INTO delivery_plans (organization_id, name, depot_warehouse_id, start_date, end_date, status, optimised_at)
     VALUES ($1, $2, $3, current_date, current_date, 'optimised', now()) RETURNING id`,
    [org, `Plan matriz ${side} ${randomUUID().slice(0, 6)}`, depot],
  );
  const [vehicle] = await q<{ id: string }>(
    w.app,
    `INSERT INTO delivery_vehicles (plan_id, name, type, capacity_kg, capacity_m3, capacity_kits) VALUES ($1, 'Camioneta matriz', 'pickup', 1000, 6, 100) RETURNING id`,
    [plan.id],
  );
  const [route] = await q<{ id: string }>(
    w.app,
    `INSERT INTO delivery_routes (plan_id, vehicle_id, status) VALUES ($1, $2, 'planned') RETURNING id`,
    [plan.id, vehicle.id],
  );
  const [stop] = await q<{ id: string }>(
    w.app,
    `INSERT INTO delivery_stops (plan_id, community_id, route_id, sequence, status) VALUES ($1, $2, $3, 1, 'pending') RETURNING id`,
    [plan.id, community, route.id],
  );
  const [line] = await q<{ id: string }>(
    w.app,
    `INSERT INTO delivery_stop_lines (stop_id, kit_type_id, quantity) VALUES ($1, $2, 1) RETURNING id`,
    [stop.id, w.ids.kitTypeId],
  );
  return { id: plan.id, vehicleId: vehicle.id, routeId: route.id, stopId: stop.id, lineId: line.id, communityId: community };
}

const ownStorekeeper = (w: World, side: Side): string => (side === 'own' ? w.tokens.storekeeper : w.otherTokens.storekeeper);

// ------------------------------------------------------------------ bodies

const proof = (channel: 'app' | 'phone') => (_w: World, _role: Role, p: Params) => ({
  channel,
  receivedByName: 'Teodoro Prueba',
  lines: [{ lineId: p.lineId, accepted: 1 }],
});

// ------------------------------------------------------------------ the registry

const PLANS = '/api/v1/deliveries/plans/:id';
const ROUTES = '/api/v1/deliveries/routes/:routeId';
const STOPS = '/api/v1/deliveries/stops/:stopId';
const coordinatorOwnsPlan: RouteRule['scopes'] = { coordinator: 'organization' };

export const OBJECT_REGISTRY: Family[] = [
  // ---------------------------------------------------------------- communities
  {
    kind: 'object',
    prefix: '/api/v1/communities/:id',
    params: async (w, role, side) => ({
      id: side === 'other' ? w.ids.otherCommunity : role === 'leader' ? w.ids.leaderCommunity : w.ids.coordCommunity,
    }),
    routes: {
      // Community profiles are the network's shared registry (no personal data): every role reads every one.
      'GET /api/v1/communities/:id': {
        scopes: { coordinator: 'network', storekeeper: 'network', fundraiser: 'network', leader: 'network', donor: 'network' },
      },
      // Leaders are personal data: partner coordinators only (communities README).
      'GET /api/v1/communities/:id/leaders': { scopes: { coordinator: 'organization' } },
      'POST /api/v1/communities/:id/leaders': {
        scopes: { coordinator: 'organization' },
        body: () => ({ fullName: 'Dirigenta Matriz Prueba', role: 'agente_municipal' }),
      },
      'POST /api/v1/communities/:id/needs': {
        scopes: { coordinator: 'organization', leader: 'community' },
        body: () => ({ lines: [{ itemDescription: 'Frazadas de lana', quantity: 2 }], householdsAffected: 2, urgency: 2, cause: 'frost' }),
      },
    },
  },
  {
    kind: 'object',
    prefix: '/api/v1/needs/:id',
    params: async (w, role, side) => {
      const community = side === 'other' ? w.ids.otherCommunity : role === 'leader' ? w.ids.leaderCommunity : w.ids.coordCommunity;
      // Storekeepers mark approved needs fulfilled; everyone else acts on a submitted one.
      return { id: await freshNeed(w, community, role === 'storekeeper' ? 'approved' : 'submitted') };
    },
    routes: {
      // The needs board is network-wide for staff (an emergency commission sees every request); a leader sees their communities'.
      'GET /api/v1/needs/:id': { scopes: { coordinator: 'network', storekeeper: 'network', leader: 'community' } },
      // Decisions by partner coordinators; a leader cancels their own community's request; storekeepers mark
      // fulfilment of any need (need-workflow.ts: "deliveries (coordinators, storekeepers) mark it … fulfilled").
      'POST /api/v1/needs/:id/transitions': {
        scopes: { coordinator: 'organization', storekeeper: 'network', leader: 'community' },
        body: (_w, role) => ({
          status: role === 'storekeeper' ? 'fulfilled' : role === 'leader' ? 'cancelled' : 'approved',
          reason: 'Prueba de la matriz de objetos',
        }),
      },
    },
  },
  // ---------------------------------------------------------------- inventory
  {
    kind: 'object',
    prefix: '/api/v1/inventory/warehouses/:id',
    params: async (w, _role, side) => ({ id: side === 'own' ? w.ids.cusco : w.ids.otherW1 }),
    routes: { 'PATCH /api/v1/inventory/warehouses/:id': { scopes: { coordinator: 'organization' }, body: () => ({ active: true }) } },
  },
  {
    kind: 'object',
    prefix: '/api/v1/inventory/reservations/:id',
    params: async (w, _role, side) => {
      const res = await call(w.app, ownStorekeeper(w, side), 'POST', '/api/v1/inventory/reservations', {
        warehouseId: side === 'own' ? w.ids.cusco : w.ids.otherW1,
        kitTypeId: w.ids.kitTypeId,
        quantity: 1,
      });
      return { id: res.id };
    },
    routes: { 'POST /api/v1/inventory/reservations/:id/release': { scopes: { coordinator: 'organization', storekeeper: 'organization' } } },
  },
  {
    kind: 'object',
    prefix: '/api/v1/inventory/transfers/:id',
    params: async (w, _role, side) => {
      const res = await call(w.app, ownStorekeeper(w, side), 'POST', '/api/v1/inventory/transfers', {
        fromWarehouseId: side === 'own' ? w.ids.cusco : w.ids.otherW1,
        toWarehouseId: side === 'own' ? w.ids.puno : w.ids.otherW2,
        lines: [{ kitTypeId: w.ids.kitTypeId, quantity: 1 }],
      });
      return { id: res.id };
    },
    routes: { 'POST /api/v1/inventory/transfers/:id/receive': { scopes: { coordinator: 'organization', storekeeper: 'organization' } } },
  },
  {
    kind: 'object',
    prefix: '/api/v1/inventory/counts/:id',
    params: async (w, _role, side) =>
      side === 'own'
        ? { id: w.ids.countOwn, lineId: w.ids.countOwnLine, expected: w.ids.countOwnExpected }
        : { id: w.ids.countOther, lineId: w.ids.countOtherLine, expected: w.ids.countOtherExpected },
    routes: {
      // Inventory reads are network-wide (inventory README); writes only for the warehouse's organisation.
      'GET /api/v1/inventory/counts/:id': { scopes: { coordinator: 'network', storekeeper: 'network' } },
      'POST /api/v1/inventory/counts/:id/lines/:lineId': {
        scopes: { coordinator: 'organization', storekeeper: 'organization' },
        body: (_w, _role, p) => ({ counted: Number(p.expected) }),
        mixed: true,
      },
      'POST /api/v1/inventory/counts/:id/close': { scopes: { coordinator: 'organization', storekeeper: 'organization' } },
      'GET /api/v1/inventory/counts/:id/export.csv': { scopes: { coordinator: 'network', storekeeper: 'network' } },
      'POST /api/v1/inventory/counts/:id/import': {
        scopes: { coordinator: 'organization', storekeeper: 'organization' },
        body: () => ({ csv: 'kind,code,lot_code,counted\nitem,NO-EXISTE,L-MATRIZ,\n' }),
      },
    },
  },
  {
    kind: 'object',
    prefix: '/api/v1/inventory/alerts/:id',
    params: async (w, _role, side) => ({ id: side === 'own' ? w.ids.alertOwn : w.ids.alertOther }),
    routes: { 'POST /api/v1/inventory/alerts/:id/acknowledge': { scopes: { coordinator: 'organization', storekeeper: 'organization' } } },
  },
  {
    kind: 'not-object',
    prefix: '/api/v1/inventory/kit-types/:id',
    why: 'catalogue',
    reason: 'kit types are the network’s shared catalogue (no owning organisation): read by staff, versioned by coordinators',
  },
  // ---------------------------------------------------------------- donations
  {
    kind: 'object',
    prefix: '/api/v1/donations/:id',
    params: async (w, role, side) => ({
      id:
        side === 'other'
          ? w.ids.otherDonation
          : role === 'donor'
            ? w.ids.donationDonor
            : role === 'coordinator'
              ? w.ids.donationCoordinator
              : w.ids.donationFundraiser,
    }),
    routes: {
      'POST /api/v1/donations/:id/reversal': {
        scopes: { fundraiser: 'organization' },
        body: () => ({ reason: 'Prueba de la matriz de objetos' }),
      },
      // Staff of an organising or co-organising organisation, or the donor who gave (donations README).
      'GET /api/v1/donations/:id/receipt': { scopes: { fundraiser: 'organization', coordinator: 'organization', donor: 'own-record' } },
    },
  },
  {
    kind: 'object',
    prefix: '/api/v1/donations/pledges/:id',
    params: async (w, _role, side) => ({ id: side === 'own' ? w.ids.pledgeOwn : w.ids.otherPledge }),
    routes: { 'POST /api/v1/donations/pledges/:id/cancel': { scopes: { fundraiser: 'organization' } } },
  },
  {
    kind: 'object',
    prefix: '/api/v1/donations/campaigns/:id',
    params: async (w, role, side) => ({
      id: side === 'other' ? w.ids.otherCampaign : role === 'coordinator' ? w.ids.campaignOwnCoordinator : w.ids.campaignOwnFundraiser,
    }),
    routes: {
      // Campaigns (goal, progress; no donor data) are listed network-wide to staff.
      'GET /api/v1/donations/campaigns/:id': { scopes: { fundraiser: 'network', coordinator: 'network' } },
      'PATCH /api/v1/donations/campaigns/:id': { scopes: { fundraiser: 'organization' }, body: () => ({}) },
    },
  },
  // ---------------------------------------------------------------- reports (apps/api/src/reports/README.md)
  {
    kind: 'object',
    prefix: '/api/v1/reports/campaigns/:id',
    params: async (w, _role, side) => ({ id: side === 'own' ? w.ids.campaignOwnFundraiser : w.ids.otherCampaign }),
    // Aggregated, no personal data, small counts suppressed: network-wide to staff, like the campaigns and the 3W.
    routes: { 'GET /api/v1/reports/campaigns/:id/donor-report': { scopes: { fundraiser: 'network', coordinator: 'network' } } },
  },
  {
    kind: 'object',
    prefix: '/api/v1/reports/warehouses/:id',
    params: async (w, _role, side) => ({ id: side === 'own' ? w.ids.cusco : w.ids.otherW1 }),
    // Inventory reads are network-wide (inventory README); these reports only read.
    routes: {
      'GET /api/v1/reports/warehouses/:id/stock': { scopes: { coordinator: 'network', storekeeper: 'network' } },
      'GET /api/v1/reports/warehouses/:id/ledger.csv': { scopes: { coordinator: 'network', storekeeper: 'network' } },
    },
  },
  // ---------------------------------------------------------------- deliveries (apps/api/src/deliveries/README.md)
  {
    kind: 'object',
    prefix: PLANS,
    params: (w, _role, side) => freshPlan(w, side),
    routes: {
      [`GET ${PLANS}`]: { scopes: coordinatorOwnsPlan },
      [`PATCH ${PLANS}`]: { scopes: coordinatorOwnsPlan, body: () => ({ notes: 'Prueba de la matriz de objetos' }) },
      [`POST ${PLANS}/cancel`]: { scopes: coordinatorOwnsPlan, body: () => ({ reason: 'Prueba de la matriz de objetos' }) },
      [`POST ${PLANS}/vehicles`]: {
        scopes: coordinatorOwnsPlan,
        body: () => ({ name: 'Camión matriz', type: 'truck', capacityKg: 3000, capacityM3: 12, capacityKits: 400 }),
      },
      [`DELETE ${PLANS}/vehicles/:vehicleId`]: { scopes: coordinatorOwnsPlan, mixed: true },
      [`GET ${PLANS}/suggestions`]: { scopes: coordinatorOwnsPlan },
      [`POST ${PLANS}/stops`]: {
        scopes: coordinatorOwnsPlan,
        body: (w, _role, p) => ({ communityId: p.communityId, lines: [{ kitTypeId: w.ids.kitTypeId, quantity: 1 }] }),
      },
      [`DELETE ${PLANS}/stops/:stopId`]: { scopes: coordinatorOwnsPlan, mixed: true },
      [`POST ${PLANS}/allocate`]: { scopes: coordinatorOwnsPlan },
      [`GET ${PLANS}/network-check`]: { scopes: coordinatorOwnsPlan },
      [`POST ${PLANS}/optimise`]: { scopes: coordinatorOwnsPlan, body: () => ({ timeLimitMs: 100 }) },
      [`PUT ${PLANS}/routes/:routeId/stops`]: {
        scopes: coordinatorOwnsPlan,
        body: (_w, _role, p) => ({ stopIds: [p.stopId] }),
        mixed: true,
      },
      [`POST ${PLANS}/routes/:routeId/lock`]: { scopes: coordinatorOwnsPlan, mixed: true },
      [`POST ${PLANS}/routes/:routeId/unlock`]: { scopes: coordinatorOwnsPlan, mixed: true },
      [`GET ${PLANS}/timeline`]: { scopes: coordinatorOwnsPlan },
    },
  },
  {
    kind: 'object',
    prefix: ROUTES,
    params: (w, _role, side) => freshPlan(w, side),
    routes: {
      [`POST ${ROUTES}/load`]: { scopes: coordinatorOwnsPlan },
      [`POST ${ROUTES}/start`]: { scopes: coordinatorOwnsPlan },
      [`POST ${ROUTES}/complete`]: { scopes: coordinatorOwnsPlan },
      [`POST ${ROUTES}/close`]: { scopes: coordinatorOwnsPlan },
      [`GET ${ROUTES}/manifest.pdf`]: { scopes: coordinatorOwnsPlan },
    },
  },
  {
    kind: 'object',
    prefix: STOPS,
    params: (w, _role, side) => freshPlan(w, side),
    routes: {
      // A leader reads and confirms only stops of communities they lead; coordinators those of their organisation's plans.
      [`GET ${STOPS}`]: { scopes: { coordinator: 'organization', leader: 'community' } },
      [`GET ${STOPS}/timeline`]: { scopes: coordinatorOwnsPlan },
      [`POST ${STOPS}/deliver`]: { scopes: coordinatorOwnsPlan, body: () => ({}) },
      [`POST ${STOPS}/fail`]: { scopes: coordinatorOwnsPlan, body: () => ({ reason: 'Prueba de la matriz de objetos' }) },
      [`POST ${STOPS}/confirmation`]: {
        scopes: { coordinator: 'organization', leader: 'community' },
        body: (w, role, p) => proof(role === 'leader' ? 'app' : 'phone')(w, role, p),
      },
    },
  },
  // ---------------------------------------------------------------- not object-scoped
  {
    kind: 'not-object',
    prefix: '/api/v1/admin/users/:id',
    why: 'admin-only',
    reason: 'user administration: admins act on every account',
  },
  {
    kind: 'not-object',
    prefix: '/api/v1/admin/organizations/:id',
    why: 'admin-only',
    reason: 'organisation administration: admins act on every organisation',
  },
  {
    kind: 'not-object',
    prefix: '/api/v1/geography/departments/:ubigeo',
    why: 'public',
    reason: 'INEI reference geography, public',
  },
  { kind: 'not-object', prefix: '/api/v1/geography/districts/:ubigeo', why: 'public', reason: 'INEI reference geography, public' },
  {
    kind: 'not-object',
    prefix: '/api/v1/public/campaigns/:slug',
    why: 'public',
    reason: 'public campaign page by slug (active and closed campaigns only, no donor data)',
  },
  {
    kind: 'not-object',
    prefix: '/api/v1/public/deliveries/confirm/:code',
    why: 'public',
    reason: 'the confirmation code is the capability (single use, expiring, throttled per IP and per stop)',
  },
];

/** The family a parameterised route belongs to: the longest registered prefix that the route starts with. */
export function familyOf(path: string): Family | undefined {
  return OBJECT_REGISTRY.filter((f) => path === f.prefix || path.startsWith(`${f.prefix}/`) || path.startsWith(`${f.prefix}.`)).sort(
    (a, b) => b.prefix.length - a.prefix.length,
  )[0];
}

/** The family's own parameter (the first one of its prefix). */
export function familyParam(family: Family): string {
  const m = /:(\w+)/.exec(family.prefix);
  if (!m) throw new Error(`family ${family.prefix} has no parameter`);
  return m[1];
}
