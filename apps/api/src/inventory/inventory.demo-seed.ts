import type { DemoContext, DemoSeeder } from '../database/seed/demo-context';
import { AuditService } from '../platform/audit/audit.service';
import { type ItemCategory, ItemEntity, type ItemUnit, type StorageKind } from './item.entity';
import { KitComponentEntity, type KitCategory, KitTypeEntity } from './kit-type.entity';
import { type Actor, type ReceiptLine, StockLedgerService } from './stock-ledger.service';
import { WarehouseEntity } from './warehouse.entity';

interface DemoItem {
  sku: string;
  es: string;
  en: string;
  category: ItemCategory;
  unit: ItemUnit;
  pack?: number;
  kg: number;
  l: number;
  perishable?: boolean;
  storage?: StorageKind;
}

/** Modelled on the contents of common humanitarian kits (family hygiene kit, food basket, first aid). */
export const DEMO_ITEMS: DemoItem[] = [
  { sku: 'HIG-JAB-090', es: 'Jabón de tocador 90 g', en: 'Bar soap 90 g', category: 'hygiene', unit: 'unit', kg: 0.095, l: 0.12 },
  {
    sku: 'HIG-PDT-075',
    es: 'Pasta dental con flúor 75 ml',
    en: 'Fluoride toothpaste 75 ml',
    category: 'hygiene',
    unit: 'unit',
    kg: 0.11,
    l: 0.15,
    perishable: true,
  },
  { sku: 'HIG-CEP-ADU', es: 'Cepillo dental', en: 'Toothbrush', category: 'hygiene', unit: 'unit', kg: 0.02, l: 0.05 },
  {
    sku: 'HIG-TOH-010',
    es: 'Toallas higiénicas (paquete de 10)',
    en: 'Sanitary pads (pack of 10)',
    category: 'hygiene',
    unit: 'pack',
    pack: 10,
    kg: 0.12,
    l: 0.6,
  },
  { sku: 'HIG-PAP-ROL', es: 'Papel higiénico (rollo)', en: 'Toilet paper (roll)', category: 'hygiene', unit: 'unit', kg: 0.1, l: 0.9 },
  { sku: 'HIG-DET-500', es: 'Detergente en polvo 500 g', en: 'Laundry powder 500 g', category: 'hygiene', unit: 'unit', kg: 0.5, l: 0.7 },
  { sku: 'HIG-TOA-BAN', es: 'Toalla de baño', en: 'Bath towel', category: 'hygiene', unit: 'unit', kg: 0.35, l: 1.5 },
  {
    sku: 'WAS-BID-10L',
    es: 'Bidón plegable 10 L',
    en: 'Collapsible jerrycan 10 L',
    category: 'water_sanitation',
    unit: 'unit',
    kg: 0.3,
    l: 1.2,
  },
  { sku: 'ALI-ARR-KG', es: 'Arroz extra', en: 'Rice', category: 'food', unit: 'kg', kg: 1, l: 1.25, perishable: true },
  { sku: 'ALI-LEN-KG', es: 'Lentejas', en: 'Lentils', category: 'food', unit: 'kg', kg: 1, l: 1.2, perishable: true },
  { sku: 'ALI-ACE-L', es: 'Aceite vegetal', en: 'Vegetable oil', category: 'food', unit: 'l', kg: 0.92, l: 1.05, perishable: true },
  { sku: 'ALI-AZU-KG', es: 'Azúcar rubia', en: 'Brown sugar', category: 'food', unit: 'kg', kg: 1, l: 1.1, perishable: true },
  {
    sku: 'ALI-ATU-170',
    es: 'Atún en conserva 170 g',
    en: 'Canned tuna 170 g',
    category: 'food',
    unit: 'unit',
    kg: 0.2,
    l: 0.25,
    perishable: true,
  },
  { sku: 'ALI-AVE-KG', es: 'Avena en hojuelas', en: 'Rolled oats', category: 'food', unit: 'kg', kg: 1, l: 2, perishable: true },
  { sku: 'ALI-SAL-KG', es: 'Sal yodada', en: 'Iodised salt', category: 'food', unit: 'kg', kg: 1, l: 0.9 },
  {
    sku: 'ALI-LEC-400',
    es: 'Leche evaporada 400 g',
    en: 'Evaporated milk 400 g',
    category: 'food',
    unit: 'unit',
    kg: 0.43,
    l: 0.45,
    perishable: true,
  },
  {
    sku: 'MED-GAS-010',
    es: 'Gasa estéril 10×10 cm (paquete de 10)',
    en: 'Sterile gauze 10×10 cm (pack of 10)',
    category: 'medical',
    unit: 'pack',
    pack: 10,
    kg: 0.05,
    l: 0.2,
    perishable: true,
  },
  { sku: 'MED-VEN-ELA', es: 'Venda elástica 10 cm', en: 'Elastic bandage 10 cm', category: 'medical', unit: 'unit', kg: 0.06, l: 0.15 },
  {
    sku: 'MED-YOD-120',
    es: 'Yodopovidona 10 % 120 ml',
    en: 'Povidone-iodine 10% 120 ml',
    category: 'medical',
    unit: 'unit',
    kg: 0.15,
    l: 0.15,
    perishable: true,
  },
  {
    sku: 'MED-PAR-500',
    es: 'Paracetamol 500 mg (blíster de 10)',
    en: 'Paracetamol 500 mg (blister of 10)',
    category: 'medical',
    unit: 'pack',
    pack: 10,
    kg: 0.01,
    l: 0.02,
    perishable: true,
  },
  {
    sku: 'MED-CUR-020',
    es: 'Curitas (caja de 20)',
    en: 'Adhesive plasters (box of 20)',
    category: 'medical',
    unit: 'pack',
    pack: 20,
    kg: 0.03,
    l: 0.1,
  },
  { sku: 'MED-GUA-NIT', es: 'Guantes de nitrilo (par)', en: 'Nitrile gloves (pair)', category: 'medical', unit: 'unit', kg: 0.01, l: 0.02 },
  {
    sku: 'MED-SRO-SOB',
    es: 'Sales de rehidratación oral (sobre)',
    en: 'Oral rehydration salts (sachet)',
    category: 'medical',
    unit: 'unit',
    kg: 0.03,
    l: 0.03,
    perishable: true,
    storage: 'cool',
  },
];

export const DEMO_KITS: Array<{
  code: string;
  es: string;
  en: string;
  category: KitCategory;
  households: number;
  days: number;
  bill: Record<string, number>;
}> = [
  {
    code: 'KIT-HIG-FAM',
    es: 'Kit de higiene familiar',
    en: 'Family hygiene kit',
    category: 'hygiene',
    households: 1,
    days: 30,
    bill: {
      'HIG-JAB-090': 6,
      'HIG-PDT-075': 2,
      'HIG-CEP-ADU': 5,
      'HIG-TOH-010': 4,
      'HIG-PAP-ROL': 8,
      'HIG-DET-500': 2,
      'HIG-TOA-BAN': 2,
      'WAS-BID-10L': 1,
    },
  },
  {
    code: 'KIT-ALI-F5-15',
    es: 'Canasta de alimentos (familia de 5, 15 días)',
    en: 'Food basket (family of 5, 15 days)',
    category: 'food',
    households: 1,
    days: 15,
    bill: {
      'ALI-ARR-KG': 15,
      'ALI-LEN-KG': 5,
      'ALI-ACE-L': 2,
      'ALI-AZU-KG': 3,
      'ALI-ATU-170': 10,
      'ALI-AVE-KG': 3,
      'ALI-SAL-KG': 1,
      'ALI-LEC-400': 12,
    },
  },
  {
    code: 'KIT-MED-BOT',
    es: 'Botiquín de primeros auxilios',
    en: 'First-aid kit',
    category: 'medical',
    households: 1,
    days: 90,
    bill: { 'MED-GAS-010': 2, 'MED-VEN-ELA': 2, 'MED-YOD-120': 1, 'MED-PAR-500': 2, 'MED-CUR-020': 1, 'MED-GUA-NIT': 4, 'MED-SRO-SOB': 6 },
  },
];

export const DEMO_WAREHOUSES = [
  {
    name: 'Almacén central Lima (Cercado)',
    org: 'red-minka',
    ubigeo: '150101',
    lat: -12.0464,
    lon: -77.0428,
    m3: 1200,
    users: ['admin@minka.demo'],
  },
  {
    name: 'Almacén Cusco (Wanchaq)',
    org: 'wayra-ayllu',
    ubigeo: '080101',
    lat: -13.5226,
    lon: -71.9673,
    m3: 420,
    users: ['almacen@minka.demo'],
  },
  {
    name: 'Almacén Puno (Altiplano)',
    org: 'wayra-ayllu',
    ubigeo: '210101',
    lat: -15.8402,
    lon: -70.0219,
    m3: 260,
    users: ['almacen@minka.demo', 'coordinador@minka.demo'],
  },
  { name: 'Almacén Huancayo', org: 'sumaq-kawsay', ubigeo: '120101', lat: -12.0651, lon: -75.2049, m3: 180, users: [] },
  {
    name: 'Almacén fluvial Iquitos',
    org: 'yaku-amazonia',
    ubigeo: '160101',
    lat: -3.7491,
    lon: -73.2538,
    m3: 300,
    users: ['donante@minka.demo'].filter(() => false),
  },
];

const DAY = 86_400_000;

export const inventoryDemoSeeder: DemoSeeder = {
  name: 'inventory.catalog_warehouses_stock',
  async run(ctx: DemoContext): Promise<void> {
    const { manager, random } = ctx;
    const ledger = new StockLedgerService(new AuditService(manager.connection));
    const admin: Actor = {
      id: ctx.userIds.get('admin@minka.demo') ?? null,
      organizationId: ctx.orgIds.get('red-minka') ?? null,
      roles: ['admin'],
    };
    const items = new Map<string, ItemEntity>();
    for (const d of DEMO_ITEMS) {
      const row = await manager.save(
        manager.create(ItemEntity, {
          sku: d.sku,
          nameEs: d.es,
          nameEn: d.en,
          category: d.category,
          unit: d.unit,
          packSize: d.pack ?? null,
          unitWeightKg: String(d.kg),
          unitVolumeL: String(d.l),
          perishable: d.perishable ?? false,
          storage: d.storage ?? 'ambient',
        }),
      );
      items.set(d.sku, row);
    }
    const kits = new Map<string, KitTypeEntity>();
    for (const k of DEMO_KITS) {
      const kit = await manager.save(
        manager.create(KitTypeEntity, {
          code: k.code,
          version: 1,
          isCurrent: true,
          nameEs: k.es,
          nameEn: k.en,
          category: k.category,
          householdsServed: k.households,
          daysCovered: k.days,
        }),
      );
      await manager.insert(
        KitComponentEntity,
        Object.entries(k.bill).map(([sku, quantity]) => ({ kitTypeId: kit.id, itemId: (items.get(sku) as ItemEntity).id, quantity })),
      );
      kits.set(k.code, kit);
    }
    ctx.progress('inventory: catalogue');
    const today = Date.now();
    const date = (days: number): string => new Date(today + days * DAY).toISOString().slice(0, 10);
    const warehouses: WarehouseEntity[] = [];
    for (const [wi, w] of DEMO_WAREHOUSES.entries()) {
      const warehouse = await manager.save(
        manager.create(WarehouseEntity, {
          organizationId: ctx.orgIds.get(w.org) as string,
          name: w.name,
          latitude: w.lat,
          longitude: w.lon,
          districtUbigeo: w.ubigeo,
          capacityM3: String(w.m3),
          responsibleUserIds: w.users.map((u) => ctx.userIds.get(u)).filter((x): x is string => !!x),
        }),
      );
      warehouses.push(warehouse);
      // Stock for 30–90 kits of each type in components (more in Cusco and Puno, the depots of the
      // demo delivery rounds), two lots for perishables (one older).
      const depot = wi === 1 || wi === 2;
      const lines: ReceiptLine[] = [];
      for (const k of DEMO_KITS) {
        const kitsWorth = (depot ? 150 : 30) + Math.floor(random() * 60);
        for (const [sku, perKit] of Object.entries(k.bill)) {
          const item = items.get(sku) as ItemEntity;
          const total = perKit * kitsWorth;
          if (item.perishable) {
            const older = Math.floor(total * 0.3);
            const nearDays = 20 + Math.floor(random() * 150);
            lines.push({ itemId: item.id, quantity: older, lotCode: `L${24 + wi}-${sku.slice(4, 7)}-A`, expiryDate: date(nearDays) });
            lines.push({
              itemId: item.id,
              quantity: total - older,
              lotCode: `L${25 + wi}-${sku.slice(4, 7)}-B`,
              expiryDate: date(300 + Math.floor(random() * 400)),
            });
          } else {
            lines.push({ itemId: item.id, quantity: total, lotCode: `L${25 + wi}-${sku.slice(4, 7)}` });
          }
        }
      }
      // Something expired that is still on the shelf (it must be adjusted out): the alert shows it.
      const iodine = items.get('MED-YOD-120') as ItemEntity;
      lines.push({ itemId: iodine.id, quantity: 6 + wi, lotCode: `L22-YOD-V`, expiryDate: date(-10 - wi * 3) });
      await ledger.receive(manager, admin, { warehouseId: warehouse.id, lines, note: 'Inventario inicial (demostración)' });
      // Some kits already assembled: many in the two depots, a few elsewhere.
      for (const k of DEMO_KITS) {
        const count = wi === 0 ? 12 : (depot ? 90 : 3) + Math.floor(random() * 6);
        await ledger.assemble(manager, admin, { warehouseId: warehouse.id, kitTypeId: (kits.get(k.code) as KitTypeEntity).id, count });
      }
      // Reorder levels per kit type: Puno and Iquitos are below them.
      for (const k of DEMO_KITS) {
        const level = wi === 2 ? 150 : wi === 4 ? 40 : 5;
        await manager.query('INSERT INTO stock_reorder_levels (warehouse_id, kit_type_id, level) VALUES ($1, $2, $3)', [
          warehouse.id,
          (kits.get(k.code) as KitTypeEntity).id,
          level,
        ]);
      }
      await manager.query('INSERT INTO stock_reorder_levels (warehouse_id, item_id, level) VALUES ($1, $2, $3)', [
        warehouse.id,
        (items.get('MED-SRO-SOB') as ItemEntity).id,
        wi === 3 ? 5000 : 20,
      ]);
      ctx.progress(`inventory: ${w.name}`);
    }
    // One transfer in transit Lima → Iquitos (by river, takes days).
    const lima = warehouses[0];
    const iquitos = warehouses[4];
    await ledger.shipTransfer(manager, admin, {
      fromWarehouseId: lima.id,
      toWarehouseId: iquitos.id,
      lines: [
        { kitTypeId: (kits.get('KIT-HIG-FAM') as KitTypeEntity).id, quantity: 4 },
        { itemId: (items.get('MED-SRO-SOB') as ItemEntity).id, quantity: 60 },
      ],
      note: 'Envío por vía fluvial desde Yurimaguas',
    });
  },
};
