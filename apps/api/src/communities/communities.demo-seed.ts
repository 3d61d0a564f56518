import type { DemoContext, DemoSeeder } from '../database/seed/demo-context';
import {
  type AccessMode,
  CommunityCoverageEntity,
  CommunityEntity,
  CommunityLeaderEntity,
  CommunityPartnerEntity,
  type LeaderRole,
  type NeedCause,
  NeedRequestEntity,
  NeedRequestEventEntity,
  NeedRequestLineEntity,
  type NeedStatus,
} from './communities.entities';
import { titleCase } from './communities.service';

interface Region {
  department: string;
  count: number;
  org: string;
  amazon: boolean;
  languages: string[][];
}

/** ~300 communities across Andean and Amazonian departments, with the NGO that works in each. */
const REGIONS: Region[] = [
  {
    department: '21',
    count: 40,
    org: 'wayra-ayllu',
    amazon: false,
    languages: [
      ['qu', 'es'],
      ['ay', 'es'],
      ['ay', 'qu', 'es'],
    ],
  },
  { department: '08', count: 40, org: 'wayra-ayllu', amazon: false, languages: [['qu', 'es'], ['qu']] },
  { department: '03', count: 30, org: 'wayra-ayllu', amazon: false, languages: [['qu', 'es'], ['qu']] },
  { department: '09', count: 30, org: 'sumaq-kawsay', amazon: false, languages: [['qu', 'es'], ['qu']] },
  {
    department: '05',
    count: 30,
    org: 'sumaq-kawsay',
    amazon: false,
    languages: [
      ['qu', 'es'],
      ['es', 'qu'],
    ],
  },
  { department: '16', count: 30, org: 'yaku-amazonia', amazon: true, languages: [['es'], ['es', 'awa'], ['es', 'other']] },
  { department: '25', count: 25, org: 'yaku-amazonia', amazon: true, languages: [['shp', 'es'], ['ash', 'es'], ['es']] },
  { department: '01', count: 25, org: 'yaku-amazonia', amazon: true, languages: [['agr', 'es'], ['awa', 'es'], ['es']] },
  { department: '06', count: 25, org: 'red-minka', amazon: false, languages: [['es']] },
  { department: '12', count: 25, org: 'red-minka', amazon: false, languages: [['es', 'qu'], ['ash', 'es'], ['es']] },
];

/** Always included: the browser test and the README walk-through use it. */
export const DEMO_POMACANCHI_PLACE = '0802050001';

const GIVEN = [
  'Teodoro',
  'Juana',
  'Feliciano',
  'Rosa',
  'Valentín',
  'Marcelina',
  'Hilario',
  'Eusebia',
  'Celestino',
  'Nélida',
  'Wilber',
  'Yolanda',
  'Saturnino',
  'Florencia',
  'Edwin',
  'Agripina',
];
const SURNAMES = [
  'Quispe',
  'Mamani',
  'Huamán',
  'Condori',
  'Ccama',
  'Apaza',
  'Huarcaya',
  'Ticona',
  'Chambi',
  'Yupanqui',
  'Sihuincha',
  'Rengifo',
  'Pacaya',
  'Ahuanari',
  'Shuña',
  'Tapullima',
  'Cusi',
  'Layme',
];
const ANDEAN_ROLES: LeaderRole[] = ['presidente_comunal', 'teniente_gobernador', 'agente_municipal', 'presidenta_vaso_de_leche'];
const AMAZON_ROLES: LeaderRole[] = ['apu', 'teniente_gobernador', 'agente_municipal', 'promotor_de_salud'];
const ANDEAN_CAUSES: NeedCause[] = ['frost', 'frost', 'drought', 'landslide', 'epidemic', 'other'];
const AMAZON_CAUSES: NeedCause[] = ['flood', 'flood', 'epidemic', 'fire', 'drought', 'other'];
const KITS: Array<{ code: string | null; item: string | null }> = [
  { code: 'KIT-HIG-FAM', item: null },
  { code: 'KIT-ALI-F5-15', item: null },
  { code: 'KIT-ABR-FRI', item: null },
  { code: 'KIT-MED-BOT', item: null },
  { code: 'KIT-AGUA-SEG', item: null },
  { code: null, item: 'Frazadas de lana' },
  { code: null, item: 'Mosquiteros impregnados' },
];
const STATUS_WEIGHTS: Array<[NeedStatus, number]> = [
  ['submitted', 0.34],
  ['approved', 0.24],
  ['rejected', 0.1],
  ['partially_fulfilled', 0.1],
  ['fulfilled', 0.14],
  ['cancelled', 0.08],
];
const PATH: Record<NeedStatus, NeedStatus[]> = {
  submitted: [],
  approved: ['approved'],
  rejected: ['rejected'],
  partially_fulfilled: ['approved', 'partially_fulfilled'],
  fulfilled: ['approved', 'partially_fulfilled', 'fulfilled'],
  cancelled: ['cancelled'],
};
const REASONS: Record<NeedStatus, string> = {
  submitted: 'Solicitud de la asamblea comunal',
  approved: 'Aprobado por la comisión: daños verificados con la municipalidad distrital',
  rejected: 'Rechazado: la zona ya fue atendida por Defensa Civil esta semana',
  partially_fulfilled: 'Primera entrega realizada; falta completar con el segundo envío',
  fulfilled: 'Entrega completa confirmada por el presidente comunal',
  cancelled: 'Cancelado a pedido de la comunidad: la helada no causó daños graves',
};

interface PlaceRow {
  code: string;
  name: string;
  district_ubigeo: string;
  lat: number;
  lon: number;
  altitude_m: number | null;
}

export const communitiesDemoSeeder: DemoSeeder = {
  name: 'communities.registry_needs',
  async run(ctx: DemoContext): Promise<void> {
    const { manager, random } = ctx;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
    // Ids from the seeded generator too, so the demo data is identical on every machine.
    const uuid = (): string => {
      const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    };
    const communities: Array<Partial<CommunityEntity> & { id: string }> = [];
    const partners: Array<Partial<CommunityPartnerEntity>> = [];
    const regionOf = new Map<string, Region>();
    const leaderUser = ctx.userIds.get('lider@minka.demo') ?? null;
    let pomacanchiId: string | null = null;

    for (const region of REGIONS) {
      ctx.progress(`comunidades ${region.department}`);
      const places = await manager.query<PlaceRow[]>(
        `SELECT p.code, p.name, p.district_ubigeo, p.lat, p.lon, d.altitude_m
         FROM populated_places p JOIN districts d ON d.ubigeo = p.district_ubigeo
         WHERE p.kind = 'rural' AND p.district_ubigeo >= $1 AND p.district_ubigeo < $2 AND length(p.name) BETWEEN 4 AND 40
         ORDER BY p.code`,
        [region.department, String(Number(region.department) + 1).padStart(2, '0')],
      );
      const chosen = new Map<string, PlaceRow>();
      if (region.department === '08') {
        const [poma] = await manager.query<PlaceRow[]>(
          `SELECT p.code, p.name, p.district_ubigeo, p.lat, p.lon, d.altitude_m FROM populated_places p
           JOIN districts d ON d.ubigeo = p.district_ubigeo WHERE p.code = $1`,
          [DEMO_POMACANCHI_PLACE],
        );
        if (poma) chosen.set(poma.code, poma);
      }
      while (chosen.size < Math.min(region.count, places.length)) {
        const place = places[Math.floor(random() * places.length)];
        chosen.set(place.code, place);
      }
      for (const place of chosen.values()) {
        const households = int(18, 260);
        const accessMode: AccessMode = region.amazon
          ? pick<AccessMode>(['river', 'river', 'river', 'trail', 'air', 'unpaved_road'])
          : pick<AccessMode>(['unpaved_road', 'unpaved_road', 'trail', 'trail', 'paved_road']);
        const accessHours = accessMode === 'paved_road' ? int(0, 2) : region.amazon ? int(3, 72) : int(1, 14);
        const cutOff = region.amazon ? (random() < 0.5 ? [8, 9, 10] : []) : random() < 0.6 ? [1, 2, 3] : [];
        const id = uuid();
        const base = place.altitude_m ?? (region.amazon ? 200 : 3500);
        const community = {
          id,
          name: titleCase(place.name),
          districtUbigeo: place.district_ubigeo,
          placeCode: place.code,
          lat: Number(place.lat),
          lon: Number(place.lon),
          altitudeM: Math.max(80, Math.round(base + (random() - 0.3) * (region.amazon ? 150 : 500))),
          population: Math.round(households * (3.6 + random() * 1.4)),
          households,
          languages: pick(region.languages),
          accessMode,
          accessHours: String(accessHours),
          cutOffMonths: cutOff,
          notes:
            accessMode === 'river'
              ? 'Acceso en peque-peque desde la capital distrital; en vaciante el último tramo es a pie.'
              : accessMode === 'trail'
                ? 'Último tramo a pie o con acémilas; coordinar arrieros con el teniente gobernador.'
                : null,
        };
        if (place.code === DEMO_POMACANCHI_PLACE) {
          pomacanchiId = id;
          community.name = 'Pomacanchi';
        }
        communities.push(community);
        regionOf.set(id, region);
        const orgId = ctx.orgIds.get(region.org);
        if (orgId) partners.push({ communityId: id, organizationId: orgId });
        const network = ctx.orgIds.get('red-minka');
        if (network && region.org !== 'red-minka' && random() < 0.3) partners.push({ communityId: id, organizationId: network });
      }
    }
    for (let i = 0; i < communities.length; i += 100) await manager.insert(CommunityEntity, communities.slice(i, i + 100));
    await manager.insert(CommunityPartnerEntity, partners);
    await manager.insert(
      CommunityCoverageEntity,
      communities.map((c) => ({ communityId: c.id })),
    );

    ctx.progress('líderes');
    const leaders: Array<Partial<CommunityLeaderEntity>> = [];
    for (const c of communities) {
      const region = regionOf.get(c.id);
      if (!region) continue;
      const roles = region.amazon ? AMAZON_ROLES : ANDEAN_ROLES;
      const n = int(1, 2);
      for (let k = 0; k < n; k++) {
        leaders.push({
          communityId: c.id,
          fullName: `${pick(GIVEN)} ${pick(SURNAMES)} ${pick(SURNAMES)}`,
          role: roles[k === 0 ? 0 : int(1, roles.length - 1)],
          phone: random() < 0.85 ? `+519${String(int(0, 99_999_999)).padStart(8, '0')}` : null,
          preferredLanguage: c.languages?.includes('qu') ? 'qu' : c.languages?.includes('ay') ? 'ay' : 'es',
          userId: c.id === pomacanchiId && k === 0 ? leaderUser : null,
        });
      }
    }
    if (pomacanchiId && leaderUser && !leaders.some((l) => l.userId === leaderUser)) {
      leaders.push({
        communityId: pomacanchiId,
        fullName: 'Teodoro Ccahuana Huarcaya',
        role: 'presidente_comunal',
        phone: '+51984123456',
        preferredLanguage: 'qu',
        userId: leaderUser,
      });
    }
    const pomaLeader = leaders.find((l) => l.userId === leaderUser);
    if (pomaLeader) pomaLeader.fullName = 'Teodoro Ccahuana Huarcaya';
    await manager.insert(CommunityLeaderEntity, leaders);

    ctx.progress('necesidades');
    const coordinator = ctx.userIds.get('coordinador@minka.demo') ?? null;
    const needs: Array<Partial<NeedRequestEntity> & { id: string }> = [];
    const lines: Array<Partial<NeedRequestLineEntity>> = [];
    const events: Array<Partial<NeedRequestEventEntity>> = [];
    const now = Date.now();
    for (const c of communities) {
      const region = regionOf.get(c.id);
      if (!region) continue;
      const count = c.id === pomacanchiId ? 2 : int(0, 3);
      for (let k = 0; k < count; k++) {
        let status = weighted(random(), STATUS_WEIGHTS);
        if (c.id === pomacanchiId) status = k === 0 ? 'submitted' : 'approved';
        const id = uuid();
        const createdAt = new Date(now - int(1, 120) * 86_400_000 - int(0, 86_399) * 1000);
        const households = Math.max(1, Math.round((c.households ?? 50) * (0.2 + random() * 0.8)));
        const cause = c.id === pomacanchiId && k === 0 ? 'frost' : pick(region.amazon ? AMAZON_CAUSES : ANDEAN_CAUSES);
        const requester = leaderUser && c.id === pomacanchiId ? leaderUser : coordinator;
        needs.push({
          id,
          communityId: c.id,
          status,
          urgency: cause === 'flood' || cause === 'frost' ? int(3, 5) : int(1, 5),
          cause,
          householdsAffected: households,
          notes: NOTES[cause],
          requestedByUserId: requester,
          statusReason: status === 'submitted' ? null : REASONS[status],
          createdAt,
          updatedAt: createdAt,
        });
        const kitCount = int(1, 3);
        const used = new Set<number>();
        for (let j = 0; j < kitCount; j++) {
          let idx = int(0, KITS.length - 1);
          while (used.has(idx)) idx = (idx + 1) % KITS.length;
          used.add(idx);
          const quantity = Math.max(1, Math.round(households * (0.5 + random())));
          const fulfilled = status === 'fulfilled' ? quantity : status === 'partially_fulfilled' ? Math.floor(quantity / 2) : 0;
          lines.push({
            needRequestId: id,
            kitTypeCode: KITS[idx].code,
            itemDescription: KITS[idx].item,
            quantity,
            quantityFulfilled: fulfilled,
          });
        }
        events.push({
          needRequestId: id,
          fromStatus: null,
          toStatus: 'submitted',
          actorUserId: requester,
          reason: null,
          occurredAt: createdAt,
        });
        let from: NeedStatus = 'submitted';
        PATH[status].forEach((to, step) => {
          events.push({
            needRequestId: id,
            fromStatus: from,
            toStatus: to,
            actorUserId: coordinator,
            reason: REASONS[to],
            occurredAt: new Date(createdAt.getTime() + (step + 1) * 2 * 86_400_000),
          });
          from = to;
        });
      }
    }
    for (let i = 0; i < needs.length; i += 100) await manager.insert(NeedRequestEntity, needs.slice(i, i + 100));
    for (let i = 0; i < lines.length; i += 200) await manager.insert(NeedRequestLineEntity, lines.slice(i, i + 200));
    for (let i = 0; i < events.length; i += 200) await manager.insert(NeedRequestEventEntity, events.slice(i, i + 200));
  },
};

const NOTES: Record<NeedCause, string> = {
  flood: 'La creciente del río inundó viviendas y chacras; el agua del pozo está contaminada.',
  landslide: 'Huaico bloqueó la trocha; varias familias perdieron sus viviendas.',
  frost: 'Heladas de hasta −15 °C; niños y adultos mayores con infecciones respiratorias.',
  drought: 'Sequía prolongada: se perdió la cosecha de papa y hay escasez de agua.',
  epidemic: 'Brote de dengue/EDA reportado por la posta de salud.',
  fire: 'Incendio forestal cerca del anexo; viviendas afectadas.',
  other: 'Necesidad registrada en asamblea comunal.',
};

function weighted<T>(r: number, items: Array<[T, number]>): T {
  let acc = 0;
  for (const [value, weight] of items) {
    acc += weight;
    if (r < acc) return value;
  }
  return items[items.length - 1][0];
}
