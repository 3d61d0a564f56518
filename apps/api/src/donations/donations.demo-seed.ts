import type { DemoContext, DemoSeeder } from '../database/seed/demo-context';
import { StockLedgerService } from '../inventory/stock-ledger.service';
import { AuditService } from '../platform/audit/audit.service';
import { TransactionRunner } from '../platform/transaction/transaction-runner';
import { applyProgressDelta } from './campaign-progress';
import { CampaignEntity, CampaignMilestoneEntity, CampaignProgressEntity, DonorEntity, PledgeEntity } from './donation.entities';
import { DonationsService } from './donations.service';
import type { CreateDonationDto } from './dto/donation.dto';

const FIRST = [
  'María',
  'Juan',
  'Rosa',
  'Luis',
  'Carmen',
  'José',
  'Ana',
  'Pedro',
  'Elena',
  'Miguel',
  'Julia',
  'Carlos',
  'Teresa',
  'Víctor',
  'Sonia',
  'Jorge',
  'Gladys',
  'Raúl',
  'Norma',
  'Wilber',
];
const LAST = [
  'Quispe',
  'Mamani',
  'Huamán',
  'Condori',
  'Flores',
  'Rojas',
  'Chávez',
  'Vargas',
  'Ramos',
  'Torres',
  'Apaza',
  'Ccori',
  'Huanca',
  'Salazar',
  'Rengifo',
  'Vela',
  'Pizarro',
  'Cárdenas',
  'Mendoza',
  'Paredes',
];
const COMPANIES = [
  'Minera Andina del Sur S.A.C.',
  'Banco Solidario del Perú S.A.',
  'Agroexportadora Valle Verde S.A.C.',
  'Transportes Chaski E.I.R.L.',
  'Cooperativa Cafetalera Inambari',
  'Textiles Alpaqueros del Cusco S.A.',
  'Supermercados La Canasta S.A.C.',
  'Farmacéutica Salud Andina S.A.',
  'Constructora Puna Alta S.A.C.',
  'Telecomunicaciones Amauta S.A.',
  'Pesquera Mar de Grau S.A.',
  'Fundación Empresarial Kallpa',
];

/**
 * Three campaigns of the network's fundraising commission: the emergency appeal with the 0.5M / 3M /
 * 5M milestones (the first two reached), a smaller active one and a closed one; a few hundred
 * donations in PEN and USD, pledges and in-kind gifts. Recorded through the same ledger code the API
 * uses, so receipts and progress aggregates are exactly as real ones.
 */
export const donationsDemoSeeder: DemoSeeder = {
  name: 'donations',
  async run(ctx: DemoContext): Promise<void> {
    const { manager, random } = ctx;
    const ds = manager.connection;
    const audit = new AuditService(ds);
    const ledger = new DonationsService(ds, new TransactionRunner(ds), audit, new StockLedgerService(audit));
    const org = (slug: string): string => ctx.orgIds.get(slug) as string;
    const redMinka = org('red-minka');
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

    const campaign = async (c: Partial<CampaignEntity> & { milestones: string[] }): Promise<CampaignEntity> => {
      const row = await manager.save(manager.create(CampaignEntity, { ...c, currency: 'PEN', status: 'active' }));
      await manager.insert(CampaignProgressEntity, { campaignId: row.id });
      for (const m of c.milestones) await manager.insert(CampaignMilestoneEntity, { campaignId: row.id, amountMinor: m, reachedAt: null });
      return row;
    };
    const friaje = await campaign({
      slug: 'emergencia-friaje-heladas-2026',
      organizationId: redMinka,
      partnerOrganizationIds: [org('wayra-ayllu'), org('sumaq-kawsay')],
      titleEs: 'Emergencia por friaje y heladas 2026',
      titleEn: 'Cold-wave and frost emergency 2026',
      storyEs:
        'Las heladas de este año llegaron a −18 °C en las zonas altoandinas de Puno, Cusco y Huancavelica. Con su aporte armamos kits de abrigo, higiene y alimentos para familias de comunidades alejadas, y las lideresas y líderes comunitarios confirman lo que llega.',
      storyEn:
        'This year frosts reached −18 °C in the high Andes of Puno, Cusco and Huancavelica. Your gift becomes warm clothing, hygiene and food kits for families in remote communities, and community leaders confirm what arrives.',
      goalMinor: '500000000',
      milestones: ['50000000', '300000000', '500000000'],
      inKindGoals: [
        { category: 'abrigo', kits: 4000 },
        { category: 'higiene', kits: 6000 },
        { category: 'alimentos', kits: 3000 },
      ],
      startsOn: '2026-05-01',
      endsOn: '2026-12-31',
      commission: 'Comisión de recaudación de fondos de la Red Minka',
    });
    const agua = await campaign({
      slug: 'agua-segura-amazonia',
      organizationId: redMinka,
      partnerOrganizationIds: [org('yaku-amazonia')],
      titleEs: 'Agua segura para comunidades amazónicas',
      titleEn: 'Safe water for Amazonian communities',
      storyEs:
        'Filtros de agua y pastillas potabilizadoras para comunidades nativas de Loreto y Ucayali tras los derrames y las inundaciones.',
      storyEn: 'Water filters and purification tablets for native communities in Loreto and Ucayali after spills and floods.',
      goalMinor: '30000000',
      milestones: ['10000000', '20000000', '30000000'],
      inKindGoals: [{ category: 'agua', kits: 1500 }],
      startsOn: '2026-07-15',
      endsOn: null,
      commission: 'Comisión de recaudación de fondos de la Red Minka',
    });
    const botiquines = await campaign({
      slug: 'botiquines-altoandinos-2025',
      organizationId: redMinka,
      partnerOrganizationIds: [],
      titleEs: 'Botiquines comunales altoandinos',
      titleEn: 'Community first-aid kits for the high Andes',
      storyEs: 'Botiquines comunales para postas y rondas campesinas de Apurímac y Ayacucho.',
      storyEn: 'Community first-aid kits for health posts and peasant patrols in Apurímac and Ayacucho.',
      goalMinor: '4000000',
      milestones: ['2000000', '4000000'],
      inKindGoals: [],
      startsOn: '2026-01-10',
      endsOn: '2026-04-30',
      commission: 'Comisión de salud de la Red Minka',
    });

    // Donors of the lead organisation; about a third agree to be named publicly.
    const donors: DonorEntity[] = [];
    for (let i = 0; i < 140; i++) {
      const name = `${pick(FIRST)} ${pick(LAST)} ${pick(LAST)}`;
      donors.push(
        await manager.save(
          manager.create(DonorEntity, {
            organizationId: redMinka,
            kind: 'individual',
            name,
            email: `donante${i + 1}@correo.pe`,
            phone: `+51 9${String(10000000 + Math.floor(random() * 89999999)).slice(0, 8)}`,
            taxIdType: random() < 0.6 ? 'DNI' : null,
            taxId: null,
            anonymous: random() < 0.15,
            consentToBePublic: random() < 0.35,
            userId: null,
          }),
        ),
      );
      const d = donors[donors.length - 1];
      if (d.taxIdType) {
        d.taxId = String(40000000 + i * 7919);
        await manager.save(d);
      }
    }
    const companies: DonorEntity[] = [];
    for (const [i, name] of COMPANIES.entries()) {
      companies.push(
        await manager.save(
          manager.create(DonorEntity, {
            organizationId: redMinka,
            kind: 'company',
            name,
            email: `rsc@empresa${i + 1}.com.pe`,
            phone: null,
            taxIdType: 'RUC',
            taxId: `20${String(512340000 + i * 1373).padStart(9, '0')}`,
            anonymous: false,
            consentToBePublic: i % 3 !== 2,
            userId: null,
          }),
        ),
      );
    }
    // The demo donor login sees her own donations and receipts.
    const patricia = await manager.save(
      manager.create(DonorEntity, {
        organizationId: redMinka,
        kind: 'individual',
        name: 'Patricia Vela Arévalo',
        email: 'donante@minka.demo',
        phone: null,
        taxIdType: 'DNI',
        taxId: '45879632',
        anonymous: false,
        consentToBePublic: true,
        userId: ctx.userIds.get('donante@minka.demo') ?? null,
      }),
    );

    const day = (from: string, spanDays: number): string => {
      const t = Date.parse(`${from}T12:00:00Z`) + Math.floor(random() * spanDays) * 86_400_000;
      return new Date(t).toISOString().slice(0, 10);
    };
    const methods = ['bank_transfer', 'yape', 'plin', 'card', 'cash'] as const;
    let ref = 100000;
    const give = async (input: Omit<CreateDonationDto, 'kind'> & { kind?: CreateDonationDto['kind'] }): Promise<void> => {
      await ledger.recordIn(manager, null, { kind: 'money', ...input });
    };
    const money = async (campaignId: string, donor: DonorEntity, soles: number, receivedOn: string): Promise<void> => {
      const usd = random() < 0.2;
      const method = pick(methods);
      const amount = usd ? Math.round((soles / 3.75) * 100) : Math.round(soles * 100);
      await give({
        campaignId,
        donorId: donor.id,
        amountMinor: String(Math.max(100, amount)),
        currency: usd ? 'USD' : 'PEN',
        exchangeRate: usd ? (3.7 + Math.floor(random() * 120) / 1000).toFixed(3) : undefined,
        method: usd ? 'bank_transfer' : method,
        bankReference: method === 'bank_transfer' || usd ? `OP-${ref++}` : undefined,
        receivedOn,
      });
    };

    ctx.progress('donaciones: campaña de friaje');
    // Friaje: companies give big, people give small; ≈ S/ 3.4M raised → 0.5M and 3M milestones reached.
    // Recorded in date order, so each milestone is dated by the gift that crossed it.
    const gifts: Array<{ donor: DonorEntity; soles: number; on: string }> = [];
    for (const company of companies) {
      for (let k = 0; k < 2; k++)
        gifts.push({ donor: company, soles: 110_000 + Math.floor(random() * 60_000), on: day('2026-05-05', 180) });
    }
    for (let i = 0; i < 200; i++) gifts.push({ donor: pick(donors), soles: 50 + Math.floor(random() * 1200), on: day('2026-05-01', 190) });
    for (let i = 0; i < 6; i++)
      gifts.push({ donor: pick(companies), soles: 20_000 + Math.floor(random() * 30_000), on: day('2026-06-01', 150) });
    gifts.push({ donor: patricia, soles: 500, on: '2026-06-14' }, { donor: patricia, soles: 250, on: '2026-09-02' });
    gifts.sort((a, b) => a.on.localeCompare(b.on));
    for (const g of gifts) await money(friaje.id, g.donor, g.soles, g.on);
    // In-kind gifts: catalogued hygiene kits enter the Lima warehouse as stock lots funded by the gift;
    // blankets (not in the catalogue yet) are recorded with their estimated value, not stocked.
    const lima = (
      await manager.query<Array<{ id: string }>>(`SELECT id FROM warehouses WHERE organization_id = $1 ORDER BY name LIMIT 1`, [redMinka])
    )[0];
    const hygieneKit = (await manager.query<Array<{ id: string }>>(`SELECT id FROM kit_types WHERE code = 'KIT-HIG-FAM'`))[0];
    for (let i = 0; i < 8; i++) {
      const stocked = i < 5 && lima !== undefined && hygieneKit !== undefined;
      await ledger.recordIn(manager, null, {
        campaignId: friaje.id,
        donorId: pick(companies).id,
        kind: 'in_kind',
        warehouseId: stocked ? lima.id : undefined,
        lines: stocked
          ? [
              {
                description: 'Kit de higiene familiar',
                category: 'higiene',
                quantity: 30 + Math.floor(random() * 150),
                unitValueMinor: '3800',
                kitTypeId: hygieneKit.id,
                expiryDate: '2028-06-30',
              },
            ]
          : [
              {
                description: 'Frazadas de lana de alpaca',
                category: 'abrigo',
                quantity: 50 + Math.floor(random() * 200),
                unitValueMinor: '4500',
              },
            ],
        receivedOn: day('2026-06-01', 120),
        note: stocked ? 'Ingresó al almacén central de Lima' : 'Entregada en el almacén de Juliaca; pendiente de catalogar',
      });
    }

    ctx.progress('donaciones: agua segura y botiquines');
    for (let i = 0; i < 70; i++) await money(agua.id, pick(donors), 40 + Math.floor(random() * 900), day('2026-07-15', 120));
    await money(agua.id, companies[2], 90_000, '2026-08-20');
    await ledger.recordIn(manager, null, {
      campaignId: agua.id,
      donorId: companies[7].id,
      kind: 'in_kind',
      lines: [{ description: 'Filtro de agua de cerámica', category: 'agua', quantity: 300, unitValueMinor: '12000' }],
      receivedOn: '2026-09-10',
    });
    for (let i = 0; i < 45; i++) await money(botiquines.id, pick(donors), 300 + Math.floor(random() * 600), day('2026-01-10', 110));
    await money(botiquines.id, companies[8], 12_000, '2026-03-01');
    botiquines.status = 'closed';
    await manager.save(botiquines);

    // Pledges: some open, one partly paid, one paid in full, one cancelled.
    const pledge = async (campaignId: string, donor: DonorEntity, soles: number, dueOn: string): Promise<PledgeEntity> => {
      const p = await manager.save(
        manager.create(PledgeEntity, {
          organizationId: redMinka,
          campaignId,
          donorId: donor.id,
          amountMinor: String(soles * 100),
          fulfilledMinor: '0',
          dueOn,
          status: 'open',
        }),
      );
      await applyProgressDelta(manager, campaignId, { pledgedOutstandingMinor: BigInt(soles * 100) });
      return p;
    };
    await pledge(friaje.id, companies[0], 250_000, '2026-12-15');
    await pledge(friaje.id, companies[4], 120_000, '2026-12-20');
    const partial = await pledge(friaje.id, companies[5], 80_000, '2026-11-30');
    await give({
      campaignId: friaje.id,
      donorId: companies[5].id,
      amountMinor: '3000000',
      currency: 'PEN',
      method: 'bank_transfer',
      bankReference: `OP-${ref++}`,
      pledgeId: partial.id,
      receivedOn: '2026-10-20',
    });
    const full = await pledge(agua.id, companies[9], 15_000, '2026-10-31');
    await give({
      campaignId: agua.id,
      donorId: companies[9].id,
      amountMinor: '1500000',
      currency: 'PEN',
      method: 'bank_transfer',
      bankReference: `OP-${ref++}`,
      pledgeId: full.id,
      receivedOn: '2026-10-05',
    });
    const cancelled = await pledge(agua.id, companies[10], 40_000, '2026-09-30');
    cancelled.status = 'cancelled';
    await manager.save(cancelled);
    await applyProgressDelta(manager, agua.id, { pledgedOutstandingMinor: -4_000_000n });
  },
};
