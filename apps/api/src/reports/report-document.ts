import PDFDocument from 'pdfkit';
import { stringify } from 'csv-stringify/sync';
import { safeCsvCell } from '../communities/csv-safety';

/**
 * Small counts are suppressed in every aggregated report a donor or partner reads: a count below this
 * (and above zero) is printed as "<5", so that no district, month or kit line can point at a handful of
 * families. The same threshold as the public campaign pages (donations `SMALL_NUMBER_THRESHOLD`).
 */
export const SMALL_COUNT_THRESHOLD = 5;
export const SUPPRESSED = `<${SMALL_COUNT_THRESHOLD}`;

export type DocCell = string | number;

export interface DocTable {
  heading: string;
  columns: string[];
  /** Relative column widths for the PDF (defaults to equal). */
  widths?: number[];
  /** Columns right-aligned in the PDF (numbers). */
  numeric?: number[];
  rows: DocCell[][];
}

/** A report as CSV and PDF share it: a title, label/value facts, then tables. */
export interface ReportDoc {
  title: string;
  facts: Array<[string, string]>;
  tables: DocTable[];
  notes: string[];
  landscape?: boolean;
  generatedAt: Date;
}

/** A count with small-count suppression: 0 stays 0, 0 < n < 5 → "<5", else the value (2 decimals at most). */
export function suppressedCount(n: number): DocCell {
  if (n > 0 && n < SMALL_COUNT_THRESHOLD) return SUPPRESSED;
  return roundCount(n);
}

/** Kits attributed in proportion to funding are fractional: at most 2 decimals. */
export function roundCount(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Céntimos (bigint as string) → "1234.50" (a plain decimal: spreadsheets read it as a number). */
export function solesText(minor: string): string {
  const v = BigInt(minor);
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${(abs / 100n).toString()}.${(abs % 100n).toString().padStart(2, '0')}`;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Formula escaping (communities/csv-safety.ts) for every text cell, except a plain decimal the report
 * computed itself ("-50.00" is a number to a spreadsheet, not a formula).
 */
export function csvCell(value: DocCell): DocCell {
  return typeof value === 'string' && PLAIN_NUMBER.test(value) ? value : safeCsvCell(value);
}

export function csvRows(rows: DocCell[][]): string {
  return stringify(rows.map((r) => r.map(csvCell)));
}

/** The CSV form: title row, facts, then each table (heading row, header row, data rows), blank rows between. */
export function reportCsv(doc: ReportDoc): string {
  const rows: DocCell[][] = [[doc.title], ...doc.facts.map(([k, v]) => [k, v])];
  for (const t of doc.tables) rows.push([], [t.heading], t.columns, ...t.rows);
  if (doc.notes.length) rows.push([], ...doc.notes.map((n) => [n]));
  return csvRows(rows);
}

export function limaDateTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Lima',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`;
}

/** A file-name-safe slug of a name ("Almacén Cusco – Wanchaq" → "almacen-cusco-wanchaq"). */
export function fileSlug(name: string): string {
  return (
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'reporte'
  );
}

/** The PDF form (Spanish, A4), pdfkit standard fonts, in memory; tables repeat their header on each page. */
export function reportPdf(doc: ReportDoc): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: doc.landscape ? 'landscape' : 'portrait',
    margin: 40,
    bufferPages: true,
    info: { Title: doc.title, Author: 'Minka' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const left = pdf.page.margins.left;
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottom = (): number => pdf.page.height - pdf.page.margins.bottom - 14;

  pdf.font('Helvetica-Bold').fontSize(16).text(doc.title, { width });
  pdf.moveDown(0.4);
  for (const [label, value] of doc.facts) {
    pdf.font('Helvetica-Bold').fontSize(9).text(`${label}: `, { continued: true, width });
    pdf.font('Helvetica').text(value);
  }

  for (const table of doc.tables) {
    pdf.moveDown(0.8);
    if (pdf.y > bottom() - 60) pdf.addPage();
    pdf.font('Helvetica-Bold').fontSize(11).text(table.heading, left, pdf.y, { width });
    pdf.moveDown(0.3);
    const weights = table.widths ?? table.columns.map(() => 1);
    const total = weights.reduce((s, w) => s + w, 0);
    const colWidths = weights.map((w) => (w / total) * width);
    const numeric = new Set(table.numeric ?? []);
    const drawRow = (cells: DocCell[], bold: boolean): void => {
      pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
      const texts = cells.map((c) => String(c));
      const height = Math.max(...texts.map((t, i) => pdf.heightOfString(t, { width: (colWidths[i] ?? 40) - 4 }))) + 4;
      if (pdf.y + height > bottom()) {
        pdf.addPage();
        if (!bold) drawRow(table.columns, true);
        pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(7.5);
      }
      const top = pdf.y;
      let x = left;
      for (const [i, t] of texts.entries()) {
        const w = colWidths[i] ?? 40;
        pdf.text(t, x + 2, top + 2, { width: w - 4, align: numeric.has(i) && !bold ? 'right' : 'left' });
        x += w;
      }
      pdf
        .moveTo(left, top + height)
        .lineTo(left + width, top + height)
        .lineWidth(bold ? 0.8 : 0.3)
        .strokeColor(bold ? '#333' : '#bbb')
        .stroke()
        .strokeColor('black');
      pdf.x = left;
      pdf.y = top + height;
    };
    drawRow(table.columns, true);
    if (table.rows.length === 0) {
      pdf
        .font('Helvetica-Oblique')
        .fontSize(8)
        .text('Sin datos en el periodo.', left + 2, pdf.y + 3, { width });
    }
    for (const row of table.rows) drawRow(row, false);
  }

  if (doc.notes.length) {
    pdf.moveDown(1);
    pdf.x = left;
    pdf.font('Helvetica').fontSize(8).fillColor('#444');
    for (const note of doc.notes) pdf.text(note, left, pdf.y, { width });
    pdf.fillColor('black');
  }

  const pages = pdf.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    pdf.switchToPage(pages.start + i);
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('Helvetica')
      .fontSize(7)
      .fillColor('#777')
      .text(
        `${doc.title} — página ${i + 1} de ${pages.count} — generado por Minka el ${limaDateTime(doc.generatedAt)} (hora de Lima)`,
        left,
        pdf.page.height - 26,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    pdf.page.margins.bottom = margin;
  }
  pdf.end();
  return done;
}
