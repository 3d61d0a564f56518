import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { KitCategory } from '../inventory/kit-type.entity';
import type { RouteStatus, StopStatus, VehicleType } from './deliveries.entities';

export interface ManifestStop {
  sequence: number | null;
  status: StopStatus;
  eta: Date | null;
  communityName: string;
  districtName: string;
  /** Shown to authorised users only (admins and coordinators of the plan's organisation). */
  leader: { fullName: string; role: string; phone: string | null } | null;
  lines: Array<{ kitTypeNameEs: string; category: KitCategory; quantity: number }>;
  /** Null once consumed (confirmed) or when it was never issued. */
  code: string | null;
  codeExpiresAt: Date | null;
  confirmedAt: Date | null;
}

export interface ManifestInput {
  organizationName: string;
  planName: string;
  routeStatus: RouteStatus;
  vehicleName: string;
  vehicleType: VehicleType;
  driverName: string | null;
  date: Date;
  depotName: string;
  publicUrl: string;
  generatedAt: Date;
  stops: ManifestStop[];
}

const VEHICLE_ES: Record<VehicleType, string> = {
  truck: 'Camión',
  pickup: 'Camioneta',
  boat: 'Embarcación',
  animal_team: 'Recua de animales de carga',
  on_foot: 'A pie',
};

const CATEGORY_ES: Record<KitCategory, string> = {
  hygiene: 'Higiene',
  food: 'Alimentos',
  medical: 'Salud',
  water_sanitation: 'Agua y saneamiento',
  shelter: 'Abrigo',
  other: 'Otros',
};

const ROUTE_ES: Record<RouteStatus, string> = {
  planned: 'planificada',
  loaded: 'cargada',
  in_transit: 'en camino',
  completed: 'completada',
  closed: 'cerrada',
  cancelled: 'cancelada',
};

const STOP_ES: Record<StopStatus, string> = {
  pending: 'pendiente',
  delivered: 'entregada',
  confirmed: 'confirmada',
  failed: 'fallida',
  cancelled: 'cancelada',
};

/** The link printed in each stop's QR code: the public confirmation page with the code filled in. */
export function confirmationLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/confirmar/?c=${encodeURIComponent(code)}`;
}

function limaDateTime(at: Date): string {
  return new Intl.DateTimeFormat('es-PE', {
    timeZone: 'America/Lima',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at);
}

function limaDate(at: Date): string {
  return new Intl.DateTimeFormat('es-PE', { timeZone: 'America/Lima', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
}

/**
 * The route manifest (Spanish, A4) the driver carries: header, then one block per stop in visiting
 * order with its kits, the leader to hand over to, the confirmation code with its QR code (link to
 * the confirmation page) and the SMS syntax, and signature boxes. pdfkit standard fonts, in memory.
 */
export async function renderManifestPdf(input: ManifestInput): Promise<Buffer> {
  const qrs = await Promise.all(
    input.stops.map((s) =>
      s.code
        ? QRCode.toBuffer(confirmationLink(input.publicUrl, s.code), { errorCorrectionLevel: 'M', margin: 1, width: 240 })
        : Promise.resolve(null),
    ),
  );
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    bufferPages: true,
    info: { Title: `Manifiesto de entrega — ${input.planName} — ${input.vehicleName}`, Author: input.organizationName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.font('Helvetica-Bold').fontSize(18).text('Manifiesto de entrega');
  doc.font('Helvetica').fontSize(10).text(input.organizationName);
  doc.moveDown(0.5);
  const header: Array<[string, string]> = [
    ['Plan', input.planName],
    ['Vehículo', `${input.vehicleName} (${VEHICLE_ES[input.vehicleType]})`],
    ['Conductor', input.driverName ?? '—'],
    ['Fecha de salida', limaDate(input.date)],
    ['Almacén de salida', input.depotName],
    ['Estado de la ruta', ROUTE_ES[input.routeStatus]],
    ['Paradas', String(input.stops.length)],
    ['Kits en total', String(input.stops.reduce((s, st) => s + st.lines.reduce((a, l) => a + l.quantity, 0), 0))],
  ];
  for (const [label, value] of header) {
    doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value);
  }
  doc.moveDown(0.5);
  doc
    .fontSize(9)
    .fillColor('#333')
    .text(
      'Cada parada tiene un código de confirmación de un solo uso. Quien recibe confirma lo que llegó: en la aplicación, ' +
        'escaneando el código QR (funciona sin señal y se envía al volver la conexión), por SMS o dictándolo por teléfono ' +
        'al coordinador. Se anota por tipo de kit lo aceptado, lo rechazado (con motivo) y lo que falta.',
      { width },
    )
    .fillColor('black');

  for (const [index, stop] of input.stops.entries()) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 290) doc.addPage();
    else doc.moveDown(1);
    const top = doc.y;
    doc
      .moveTo(left, top)
      .lineTo(left + width, top)
      .lineWidth(1)
      .strokeColor('#999')
      .stroke()
      .strokeColor('black');
    doc.y = top + 6;
    const textWidth = width - 130;
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(`Parada ${stop.sequence ?? index + 1}: ${stop.communityName}`, left, doc.y, { width: textWidth });
    doc.font('Helvetica').fontSize(9).text(`Distrito de ${stop.districtName}`, { width: textWidth });
    doc.text(`Llegada estimada: ${stop.eta ? limaDateTime(stop.eta) : '—'}`, { width: textWidth });
    if (stop.status !== 'pending' && stop.status !== 'delivered') doc.text(`Estado: ${STOP_ES[stop.status]}`, { width: textWidth });
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').text('Entregar a: ', { continued: true, width: textWidth });
    doc
      .font('Helvetica')
      .text(
        stop.leader
          ? `${stop.leader.fullName} (${stop.leader.role})${stop.leader.phone ? ` — Tel. ${stop.leader.phone}` : ''}`
          : 'sin dirigente registrado',
      );
    doc.moveDown(0.3);
    doc.font('Helvetica-Bold').text('Kits', { width: textWidth });
    doc.font('Helvetica');
    for (const [n, line] of stop.lines.entries()) {
      doc.text(`${n + 1}. ${line.quantity} × ${line.kitTypeNameEs} (${CATEGORY_ES[line.category]})`, { width: textWidth });
    }
    doc.moveDown(0.3);
    const qr = qrs[index];
    if (stop.code && qr) {
      doc.font('Helvetica-Bold').fontSize(10).text('Código de confirmación: ', { continued: true, width: textWidth });
      doc.font('Courier-Bold').fontSize(16).text(stop.code);
      doc.font('Helvetica').fontSize(8);
      if (stop.codeExpiresAt) doc.text(`Válido hasta el ${limaDate(stop.codeExpiresAt)}. Un solo uso.`, { width: textWidth });
      doc.text(`SMS: MINKA ${stop.code} OK   ·   con rechazos: MINKA ${stop.code} 8 2 DAÑADO`, { width: textWidth });
      if (stop.lines.length > 1) doc.text('Varios kits: un grupo por kit, en este orden, separados por «;».', { width: textWidth });
      doc.image(qr, left + width - 110, top + 8, { width: 110 });
    } else if (stop.confirmedAt) {
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(`Recepción confirmada el ${limaDateTime(stop.confirmedAt)}.`, { width: textWidth });
    } else {
      doc.font('Helvetica').fontSize(9).text('Sin código de confirmación vigente.', { width: textWidth });
    }
    doc.fontSize(9);
    const boxTop = Math.max(doc.y + 8, top + 128);
    const boxWidth = (width - 12) / 2;
    const boxHeight = 58;
    for (const [i, label] of ['Entregado por (nombre y firma)', 'Recibido por (nombre, cargo y firma)'].entries()) {
      const x = left + i * (boxWidth + 12);
      doc.rect(x, boxTop, boxWidth, boxHeight).lineWidth(0.7).stroke();
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor('#555')
        .text(label, x + 6, boxTop + 4, { width: boxWidth - 12 })
        .fillColor('black');
    }
    doc.x = left;
    doc.y = boxTop + boxHeight + 4;
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#777')
      .text(
        `${input.planName} — ${input.vehicleName} — página ${i + 1} de ${pages.count} — generado por Minka el ${limaDateTime(input.generatedAt)}`,
        left,
        doc.page.height - 28,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
