import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { fieldError } from '../inventory/inventory.errors';
import { CAMPAIGN_FUNDED_KITS_SQL } from '../donations/campaign-progress';
import { notFound } from '../platform/errors/domain-error';
import type { DonorReportQueryDto, LedgerQueryDto } from './dto/documents.dto';
import {
  csvRows,
  fileSlug,
  limaDateTime,
  roundCount,
  solesText,
  SMALL_COUNT_THRESHOLD,
  suppressedCount,
  type DocCell,
  type ReportDoc,
} from './report-document';
import { limaDay } from './reports.service';
import { SECTOR_LABELS } from './three-w';

/** Rows fetched per round trip by the ledger export (keyset on `seq`): memory stays bounded whatever the range. */
export const LEDGER_BATCH = 2_000;

const KIND_ES: Record<string, string> = {
  receipt: 'Ingreso',
  transfer_out: 'Salida por transferencia',
  transfer_in: 'Ingreso por transferencia',
  assembly_consume: 'Consumo en armado',
  assembly_produce: 'Armado de kits',
  disassembly_consume: 'Desarmado de kits',
  disassembly_produce: 'Ingreso por desarmado',
  reservation: 'Reserva',
  release: 'Liberación de reserva',
  dispatch: 'Despacho',
  return: 'Devolución',
  adjustment: 'Ajuste',
};

const CAMPAIGN_STATUS_ES: Record<string, string> = { draft: 'borrador', active: 'activa', closed: 'cerrada' };

const LEDGER_COLUMNS = [
  'N.º de movimiento',
  'Fecha y hora (America/Lima)',
  'Tipo',
  'Tipo (código)',
  'Código',
  'Artículo o kit',
  'Lote',
  'Vencimiento',
  'Variación existencias',
  'Variación reservado',
  'Saldo existencias',
  'Saldo reservado',
  'Motivo',
  'Documento',
  'Referencia',
  'Operación',
  'Usuario (id)',
];

interface LedgerDbRow {
  seq: string;
  at: string;
  kind: string;
  subject_id: string;
  code: string;
  name: string;
  lot_code: string;
  expiry_date: string | null;
  on_hand_delta: number;
  reserved_delta: number;
  reason_code: string | null;
  reference_type: string | null;
  reference_id: string | null;
  operation_id: string;
  actor_user_id: string | null;
}

/** The range of the donor report: open at either end when not given; `to` before `from` → 400 naming `to`. */
function openRange(from?: string, to?: string): { from: string | null; to: string | null } {
  if (from && to && to < from) throw fieldError('to', 'min', 'to must not be before from');
  return { from: from ?? null, to: to ?? null };
}

/**
 * Report documents (issue #9): the donor report of a campaign, the stock report and the ledger export
 * of a warehouse. Reads only: no transaction, no audit; aggregated, no personal data.
 */
@Injectable()
export class ReportDocumentsService {
  /** Rows per ledger batch (tests lower it to cross batch boundaries with a few movements). */
  ledgerBatchSize = LEDGER_BATCH;

  constructor(private readonly dataSource: DataSource) {}

  /** Money by month (PEN), kits funded, and kits delivered / confirmed and households reached per district. */
  async donorReport(campaignId: string, query: DonorReportQueryDto): Promise<{ fileBase: string; doc: ReportDoc }> {
    const range = openRange(query.from, query.to);
    const [campaign] = await this.dataSource.query<
      Array<{
        title_es: string;
        slug: string;
        starts_on: string;
        ends_on: string | null;
        status: string;
        goal_minor: string;
        org_name: string;
      }>
    >(
      `SELECT c.title_es, c.slug, c.starts_on::text AS starts_on, c.ends_on::text AS ends_on, c.status, c.goal_minor::text AS goal_minor,
              o.name AS org_name
         FROM donation_campaigns c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1`,
      [campaignId],
    );
    if (!campaign) throw notFound();
    const params = [campaignId, range.from, range.to];
    const [months, districts, funded] = await Promise.all([
      // Money only (in-kind value is not "raised"), reversals netted in the month they were recorded.
      this.dataSource.query<Array<{ month: string; donations: number; gross: string; reversed: string; net: string }>>(
        `SELECT to_char(received_on, 'YYYY-MM') AS month,
                count(*) FILTER (WHERE entry_type = 'donation')::int AS donations,
                coalesce(sum(amount_pen_minor) FILTER (WHERE entry_type = 'donation'), 0)::text AS gross,
                coalesce(sum(amount_pen_minor) FILTER (WHERE entry_type = 'reversal'), 0)::text AS reversed,
                sum(amount_pen_minor)::text AS net
           FROM donations
          WHERE campaign_id = $1 AND kind = 'money'
            AND received_on BETWEEN coalesce($2::date, '-infinity'::date) AND coalesce($3::date, 'infinity'::date)
          GROUP BY 1 ORDER BY 1`,
        params,
      ),
      // The funding attribution of deliveries/campaign-reach.ts (and the 3W): a stop line's units count for
      // the campaign in proportion to the units it took from lots funded by the campaign or its donations.
      this.dataSource.query<
        Array<{
          department: string;
          province: string;
          district: string;
          pcode: string;
          delivered: string;
          confirmed: string;
          households: string;
        }>
      >(
        `WITH funded AS (
           SELECT l.id FROM stock_lots l
             LEFT JOIN donations d ON l.funding_source_type = 'donation' AND d.id = l.funding_source_id
            WHERE (l.funding_source_type = 'campaign' AND l.funding_source_id = $1)
               OR (l.funding_source_type = 'donation' AND d.campaign_id = $1)
         ), shares AS (
           SELECT c.district_ubigeo, s.status, l.dispatched, l.accepted, l.missing, k.households_served,
                  (coalesce(s.delivered_at, s.confirmed_at) AT TIME ZONE 'America/Lima')::date AS delivered_on,
                  (s.confirmed_at AT TIME ZONE 'America/Lima')::date AS confirmed_on,
                  sum((dl->>'quantity')::numeric) AS funded_units
             FROM delivery_stop_lines l
             JOIN delivery_stops s ON s.id = l.stop_id
             JOIN communities c ON c.id = s.community_id
             JOIN kit_types k ON k.id = l.kit_type_id
             CROSS JOIN LATERAL jsonb_array_elements(l.dispatched_lots) dl
            WHERE l.dispatched > 0 AND s.status IN ('delivered', 'confirmed')
              AND (dl->>'lotId')::uuid IN (SELECT id FROM funded)
            GROUP BY l.id, c.district_ubigeo, s.status, l.dispatched, l.accepted, l.missing, k.households_served, s.delivered_at, s.confirmed_at
         ), lo AS (SELECT coalesce($2::date, '-infinity'::date) AS d), hi AS (SELECT coalesce($3::date, 'infinity'::date) AS d)
         SELECT de.name AS department, pr.name AS province, di.name AS district, di.pcode,
                coalesce(sum((x.dispatched - coalesce(x.missing, 0)) * x.funded_units / x.dispatched)
                  FILTER (WHERE x.delivered_on BETWEEN (SELECT d FROM lo) AND (SELECT d FROM hi)), 0)::text AS delivered,
                coalesce(sum(coalesce(x.accepted, 0) * x.funded_units / x.dispatched)
                  FILTER (WHERE x.status = 'confirmed' AND x.confirmed_on BETWEEN (SELECT d FROM lo) AND (SELECT d FROM hi)), 0)::text AS confirmed,
                coalesce(sum(coalesce(x.accepted, 0) * x.funded_units / x.dispatched * x.households_served)
                  FILTER (WHERE x.status = 'confirmed' AND x.confirmed_on BETWEEN (SELECT d FROM lo) AND (SELECT d FROM hi)), 0)::text AS households
           FROM shares x
           JOIN districts di ON di.ubigeo = x.district_ubigeo
           JOIN provinces pr ON pr.ubigeo = di.province_ubigeo
           JOIN departments de ON de.ubigeo = di.department_ubigeo
          GROUP BY de.name, pr.name, di.name, di.pcode
         HAVING count(*) FILTER (WHERE x.delivered_on BETWEEN (SELECT d FROM lo) AND (SELECT d FROM hi)
                                    OR (x.status = 'confirmed' AND x.confirmed_on BETWEEN (SELECT d FROM lo) AND (SELECT d FROM hi))) > 0
          ORDER BY di.pcode`,
        params,
      ),
      // Kits funded (as the public "where it went" page counts them): kit units received into lots the
      // campaign funds, plus kits assembled from such component lots in proportion to the units consumed.
      this.dataSource.query<Array<{ kits: string | null }>>(CAMPAIGN_FUNDED_KITS_SQL, [campaignId]),
    ]);

    const sum = (xs: string[]): bigint => xs.reduce((s, x) => s + BigInt(x), 0n);
    const totalNet = sum(months.map((m) => m.net));
    const totals = {
      delivered: districts.reduce((s, d) => s + Number(d.delivered), 0),
      confirmed: districts.reduce((s, d) => s + Number(d.confirmed), 0),
      households: Math.round(districts.reduce((s, d) => s + Number(d.households), 0)),
    };
    const period =
      range.from || range.to ? `${range.from ?? 'inicio'} al ${range.to ?? limaDay(0)}` : `toda la campaña (desde ${campaign.starts_on})`;
    const doc: ReportDoc = {
      title: `Informe para donantes — ${campaign.title_es}`,
      facts: [
        ['Campaña', campaign.title_es],
        ['Organización', campaign.org_name],
        [
          'Vigencia',
          `${campaign.starts_on} al ${campaign.ends_on ?? 'sin fecha de cierre'} (${CAMPAIGN_STATUS_ES[campaign.status] ?? campaign.status})`,
        ],
        ['Periodo del informe', period],
        ['Meta (S/)', solesText(campaign.goal_minor)],
        ['Recaudado en el periodo (S/)', solesText(totalNet.toString())],
        ['Kits financiados (toda la campaña)', String(suppressedCount(roundCount(Number(funded[0]?.kits ?? '0'))))],
        ['Kits entregados', String(suppressedCount(totals.delivered))],
        ['Kits confirmados por las comunidades', String(suppressedCount(totals.confirmed))],
        ['Hogares alcanzados', String(suppressedCount(totals.households))],
      ],
      tables: [
        {
          heading: 'Dinero recaudado por mes (soles; mes calendario de Lima)',
          columns: ['Mes', 'Donaciones', 'Recibido (S/)', 'Devoluciones (S/)', 'Neto (S/)'],
          widths: [1, 1, 1.4, 1.4, 1.4],
          numeric: [1, 2, 3, 4],
          rows: [
            ...months.map((m): DocCell[] => [
              m.month,
              suppressedCount(m.donations),
              solesText(m.gross),
              solesText(m.reversed),
              solesText(m.net),
            ]),
            ...(months.length
              ? [
                  [
                    'Total',
                    suppressedCount(months.reduce((s, m) => s + m.donations, 0)),
                    solesText(sum(months.map((m) => m.gross)).toString()),
                    solesText(sum(months.map((m) => m.reversed)).toString()),
                    solesText(totalNet.toString()),
                  ],
                ]
              : []),
          ],
        },
        {
          heading: 'Kits por distrito (financiados por la campaña)',
          columns: [
            'Departamento',
            'Provincia',
            'Distrito',
            'Código distrito',
            'Kits entregados',
            'Kits confirmados',
            'Hogares alcanzados',
          ],
          widths: [1.2, 1.2, 1.4, 1, 1, 1, 1],
          numeric: [4, 5, 6],
          rows: districts.map((d) => [
            d.department,
            d.province,
            d.district,
            d.pcode,
            suppressedCount(Number(d.delivered)),
            suppressedCount(Number(d.confirmed)),
            suppressedCount(Math.round(Number(d.households))),
          ]),
        },
      ],
      notes: [
        `Cifras agregadas, sin datos personales. Los conteos menores que ${SMALL_COUNT_THRESHOLD} (y mayores que cero) se muestran como "<${SMALL_COUNT_THRESHOLD}".`,
        'Los kits se atribuyen a la campaña en proporción a las unidades despachadas desde lotes financiados por ella o por sus donaciones; por eso pueden tener decimales.',
        'Entregados: paradas entregadas o confirmadas (despachado menos faltante). Confirmados: aceptados por la comunidad en su confirmación.',
      ],
      generatedAt: new Date(),
    };
    return { fileBase: `minka-donantes-${campaign.slug}-${range.from ?? 'inicio'}_${range.to ?? limaDay(0)}`, doc };
  }

  /** Stock per item / kit type of one warehouse today (the inventory `GET /stock` figures plus expiry buckets). */
  async stockReport(warehouseId: string): Promise<{ fileBase: string; doc: ReportDoc }> {
    const warehouse = await this.warehouse(warehouseId);
    const today = limaDay(0);
    const rows = await this.dataSource.query<
      Array<{
        kind: 'item' | 'kit';
        code: string;
        name_es: string;
        category: keyof typeof SECTOR_LABELS;
        unit: string;
        on_hand: number;
        reserved: number;
        expired_available: number;
        lots: number;
        next_expiry: string | null;
        expiring_30: number;
        expiring_90: number;
        reorder_level: number | null;
      }>
    >(
      `SELECT CASE WHEN l.item_id IS NULL THEN 'kit' ELSE 'item' END AS kind,
              COALESCE(i.sku, k.code || ' v' || k.version) AS code, COALESCE(i.name_es, k.name_es) AS name_es,
              COALESCE(i.category, k.category) AS category, COALESCE(i.unit, 'kit') AS unit,
              SUM(l.on_hand)::int AS on_hand, SUM(l.reserved)::int AS reserved,
              SUM(CASE WHEN l.expiry_date < $2::date THEN l.on_hand - l.reserved ELSE 0 END)::int AS expired_available,
              COUNT(*) FILTER (WHERE l.on_hand > 0)::int AS lots,
              MIN(l.expiry_date) FILTER (WHERE l.on_hand > 0 AND l.expiry_date >= $2::date)::text AS next_expiry,
              COALESCE(SUM(l.on_hand) FILTER (WHERE l.expiry_date BETWEEN $2::date AND $2::date + 30), 0)::int AS expiring_30,
              COALESCE(SUM(l.on_hand) FILTER (WHERE l.expiry_date BETWEEN $2::date AND $2::date + 90), 0)::int AS expiring_90,
              r.level AS reorder_level
         FROM stock_lots l
         LEFT JOIN inventory_items i ON i.id = l.item_id
         LEFT JOIN kit_types k ON k.id = l.kit_type_id
         LEFT JOIN stock_reorder_levels r ON r.warehouse_id = l.warehouse_id AND COALESCE(r.item_id, r.kit_type_id) = COALESCE(l.item_id, l.kit_type_id)
        WHERE l.warehouse_id = $1
        GROUP BY l.item_id, l.kit_type_id, i.sku, k.code, k.version, i.name_es, k.name_es, i.category, k.category, i.unit, r.level
        ORDER BY kind DESC, code`,
      [warehouseId, today],
    );
    const doc: ReportDoc = {
      title: `Informe de stock — ${warehouse.name}`,
      landscape: true,
      facts: [
        ['Almacén', warehouse.name],
        ['Organización', warehouse.org_name],
        ['Fecha', `${today} (existencias al ${limaDateTime(new Date())}, hora de Lima)`],
        ['Artículos y kits con lotes', String(rows.length)],
        [
          'Bajo el nivel de reposición',
          String(rows.filter((r) => r.reorder_level !== null && r.on_hand - r.reserved < r.reorder_level).length),
        ],
      ],
      tables: [
        {
          heading: 'Stock por artículo y tipo de kit',
          columns: [
            'Tipo',
            'Código',
            'Nombre',
            'Categoría',
            'Unidad',
            'Existencias',
            'Reservado',
            'Disponible',
            'Disponible vencido',
            'Lotes con stock',
            'Vencimiento más próximo',
            'Vence en 30 días',
            'Vence en 90 días',
            'Nivel de reposición',
            'Bajo el nivel',
          ],
          widths: [0.6, 1.3, 2.2, 1.1, 0.6, 0.8, 0.8, 0.8, 0.8, 0.6, 1, 0.7, 0.7, 0.8, 0.6],
          numeric: [5, 6, 7, 8, 9, 11, 12, 13],
          rows: rows.map((r) => {
            const available = r.on_hand - r.reserved;
            return [
              r.kind === 'kit' ? 'Kit' : 'Artículo',
              r.code,
              r.name_es,
              SECTOR_LABELS[r.category] ?? r.category,
              r.unit,
              r.on_hand,
              r.reserved,
              available,
              r.expired_available,
              r.lots,
              r.next_expiry ?? '',
              r.expiring_30,
              r.expiring_90,
              r.reorder_level ?? '',
              r.reorder_level !== null && available < r.reorder_level ? 'Sí' : 'No',
            ];
          }),
        },
      ],
      notes: [
        'Disponible = existencias - reservado (como el inventario: incluye lotes vencidos, que se muestran aparte). ' +
          '"Bajo el nivel": disponible menor que el nivel de reposición del almacén.',
        `Vence en 30 / 90 días: existencias en lotes que vencen entre hoy (${today}) y dentro de 30 / 90 días (el de 90 incluye al de 30).`,
      ],
      generatedAt: new Date(),
    };
    return { fileBase: `minka-stock-${fileSlug(warehouse.name)}-${today}`, doc };
  }

  /**
   * The warehouse's ledger for auditors as CSV, streamed: an opening balance per item / kit when the
   * range starts after its first movement, then every movement of the range in ledger order with the
   * running balance of its item / kit. Read in keyset batches of `LEDGER_BATCH` rows up to the last
   * `seq` at the start, so a long history never sits in memory and later writes do not shift it.
   */
  async ledger(warehouseId: string, query: LedgerQueryDto): Promise<{ fileName: string; stream: Readable }> {
    const from = query.from ?? limaDay(-365);
    const to = query.to ?? limaDay(0);
    if (to < from) throw fieldError('to', 'min', 'to must not be before from');
    const warehouse = await this.warehouse(warehouseId);
    const [{ max_seq: maxSeq }] = await this.dataSource.query<Array<{ max_seq: string }>>(
      `SELECT coalesce(max(seq), 0)::text AS max_seq FROM stock_movements WHERE warehouse_id = $1`,
      [warehouseId],
    );
    const subjectName = `COALESCE(i.sku, k.code || ' v' || k.version) AS code, COALESCE(i.name_es, k.name_es) AS name`;
    const subjectJoins = `LEFT JOIN inventory_items i ON i.id = m.item_id LEFT JOIN kit_types k ON k.id = m.kit_type_id`;
    const lower = `($2::date)::timestamp AT TIME ZONE 'America/Lima'`;
    const upper = `($3::date + 1)::timestamp AT TIME ZONE 'America/Lima'`;
    const opening = await this.dataSource.query<
      Array<{ subject_id: string; code: string; name: string; on_hand: number; reserved: number }>
    >(
      `SELECT COALESCE(m.item_id, m.kit_type_id) AS subject_id, ${subjectName},
              SUM(m.on_hand_delta)::int AS on_hand, SUM(m.reserved_delta)::int AS reserved
         FROM stock_movements m ${subjectJoins}
        WHERE m.warehouse_id = $1 AND m.created_at < ${lower} AND m.seq <= $3::bigint
        GROUP BY 1, i.sku, k.code, k.version, i.name_es, k.name_es
        ORDER BY code`,
      [warehouseId, from, maxSeq],
    );
    const dataSource = this.dataSource;
    const batch = this.ledgerBatchSize;
    async function* chunks(): AsyncGenerator<string> {
      const balance = new Map<string, { onHand: number; reserved: number }>();
      const header: DocCell[][] = [LEDGER_COLUMNS];
      for (const o of opening) {
        balance.set(o.subject_id, { onHand: o.on_hand, reserved: o.reserved });
        header.push([
          '',
          `${from} 00:00:00`,
          'Saldo inicial',
          'opening_balance',
          o.code,
          o.name,
          '',
          '',
          '',
          '',
          o.on_hand,
          o.reserved,
          '',
          '',
          '',
          '',
          '',
        ]);
      }
      yield csvRows(header);
      let after = '0';
      for (;;) {
        const rows = await dataSource.query<LedgerDbRow[]>(
          `SELECT m.seq::text AS seq, to_char(m.created_at AT TIME ZONE 'America/Lima', 'YYYY-MM-DD HH24:MI:SS') AS at, m.kind,
                  COALESCE(m.item_id, m.kit_type_id) AS subject_id, ${subjectName}, l.lot_code, l.expiry_date::text AS expiry_date,
                  m.on_hand_delta, m.reserved_delta, m.reason_code, m.reference_type, m.reference_id, m.operation_id, m.actor_user_id
             FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id ${subjectJoins}
            WHERE m.warehouse_id = $1 AND m.created_at >= ${lower} AND m.created_at < ${upper}
              AND m.seq > $4::bigint AND m.seq <= $5::bigint
            ORDER BY m.seq LIMIT $6::int`,
          [warehouseId, from, to, after, maxSeq, batch],
        );
        if (rows.length === 0) return;
        const out: DocCell[][] = rows.map((r) => {
          const b = balance.get(r.subject_id) ?? { onHand: 0, reserved: 0 };
          b.onHand += r.on_hand_delta;
          b.reserved += r.reserved_delta;
          balance.set(r.subject_id, b);
          return [
            r.seq,
            r.at,
            KIND_ES[r.kind] ?? r.kind,
            r.kind,
            r.code,
            r.name,
            r.lot_code,
            r.expiry_date ?? '',
            r.on_hand_delta,
            r.reserved_delta,
            b.onHand,
            b.reserved,
            r.reason_code ?? '',
            r.reference_type ?? '',
            r.reference_id ?? '',
            r.operation_id,
            r.actor_user_id ?? '',
          ];
        });
        yield csvRows(out);
        after = rows[rows.length - 1].seq;
        if (rows.length < batch) return;
      }
    }
    return { fileName: `minka-kardex-${fileSlug(warehouse.name)}-${from}_${to}.csv`, stream: Readable.from(chunks()) };
  }

  private async warehouse(id: string): Promise<{ name: string; org_name: string }> {
    const [row] = await this.dataSource.query<Array<{ name: string; org_name: string }>>(
      `SELECT w.name, o.name AS org_name FROM warehouses w JOIN organizations o ON o.id = w.organization_id WHERE w.id = $1`,
      [id],
    );
    if (!row) throw notFound();
    return row;
  }
}
