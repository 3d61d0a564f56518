import PDFDocument from 'pdfkit';
import type { OrganizationEntity } from '../organizations/organization.entity';
import type { CampaignEntity, DonationEntity, DonationLineEntity, DonorEntity } from './donation.entities';
import { receiptNumber } from './donations.service';
import { formatMinor } from './money';

const METHOD_ES: Record<string, string> = {
  bank_transfer: 'Transferencia bancaria',
  yape: 'Yape',
  plin: 'Plin',
  card: 'Tarjeta',
  cash: 'Efectivo',
  other: 'Otro',
};

const SYMBOL: Record<string, string> = { PEN: 'S/', USD: 'US$', EUR: '€' };

function dateEs(isoDate: string): string {
  const months = [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ];
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} de ${months[(m ?? 1) - 1]} de ${y}`;
}

export interface ReceiptInput {
  donation: DonationEntity;
  donor: DonorEntity;
  campaign: CampaignEntity;
  org: OrganizationEntity;
  lines: DonationLineEntity[];
  reversed: boolean;
}

/** The donation receipt (Spanish), built in memory with pdfkit's standard fonts (no network, no files). */
export function renderReceiptPdf(input: ReceiptInput): Promise<Buffer> {
  const { donation, donor, campaign, org, lines } = input;
  const number = receiptNumber(org.slug, donation.receiptYear, donation.receiptSeq) ?? '—';
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Recibo de donación ${number}`, Author: org.name } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(18).text(org.name);
  if (org.taxId) doc.font('Helvetica').fontSize(10).text(`RUC ${org.taxId}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(16).text(`Recibo de donación N.º ${number}`);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`Fecha de recepción: ${dateEs(donation.receivedOn)}`);
  if (input.reversed) doc.fillColor('#b00020').text('ANULADO: esta donación fue revertida (devolución o corrección).').fillColor('black');
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(11).text('Donante');
  doc.font('Helvetica').text(donor.name);
  if (donor.taxId) doc.text(`${donor.taxIdType ?? 'Doc.'} ${donor.taxId}`);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Campaña');
  doc.font('Helvetica').text(campaign.titleEs);
  doc.moveDown();
  if (donation.kind === 'money') {
    const symbol = SYMBOL[donation.currency] ?? donation.currency;
    doc.font('Helvetica-Bold').text('Donación en dinero');
    doc.font('Helvetica').text(`Monto recibido: ${symbol} ${formatMinor(BigInt(donation.amountMinor))} (${donation.currency})`);
    if (donation.currency !== 'PEN') {
      doc.text(`Tipo de cambio registrado: S/ ${donation.exchangeRate ?? ''} por 1 ${donation.currency}`);
      doc.text(`Equivalente en soles: S/ ${formatMinor(BigInt(donation.amountPenMinor))}`);
    }
    doc.text(`Medio de pago: ${METHOD_ES[donation.method ?? 'other'] ?? 'Otro'}`);
    if (donation.bankReference) doc.text(`Referencia bancaria: ${donation.bankReference}`);
  } else {
    doc.font('Helvetica-Bold').text('Donación en especie');
    doc.font('Helvetica');
    for (const l of lines) {
      doc.text(`${l.quantity} × ${l.description} — valor estimado S/ ${formatMinor(BigInt(l.unitValueMinor) * BigInt(l.quantity))}`);
    }
    doc.text(`Valor estimado total: S/ ${formatMinor(BigInt(donation.amountPenMinor))}`);
  }
  doc.moveDown(2);
  doc
    .fontSize(10)
    .text(
      `${org.name} agradece su aporte a la campaña «${campaign.titleEs}». Puede seguir en la página pública de la campaña ` +
        'cómo su donación se convierte en kits, entregas y recepciones confirmadas por las comunidades.',
    );
  doc.moveDown();
  doc.fontSize(8).fillColor('#555').text(`Comisión responsable: ${campaign.commission}. Documento generado por Minka.`);
  doc.end();
  return done;
}
