import { parse } from 'csv-parse/sync';
import { csvRows, fileSlug, reportCsv, solesText, suppressedCount, SMALL_COUNT_THRESHOLD } from './report-document';

describe('report documents', () => {
  it('suppresses counts above zero and below the threshold, keeps zero and larger counts (2 decimals at most)', () => {
    expect(SMALL_COUNT_THRESHOLD).toBe(5);
    expect(suppressedCount(0)).toBe(0);
    expect(suppressedCount(0.4)).toBe('<5');
    expect(suppressedCount(3)).toBe('<5');
    expect(suppressedCount(4.999)).toBe('<5');
    expect(suppressedCount(5)).toBe(5);
    expect(suppressedCount(7.2000001)).toBe(7.2);
  });

  it('writes céntimos as plain decimals, negatives included', () => {
    expect(solesText('0')).toBe('0.00');
    expect(solesText('5')).toBe('0.05');
    expect(solesText('355147094')).toBe('3551470.94');
    expect(solesText('-20200')).toBe('-202.00');
    expect(solesText('123456789012345678')).toBe('1234567890123456.78');
  });

  it('escapes formula-looking text but leaves the decimals it computed alone', () => {
    const [row]: string[][] = parse(csvRows([['=HYPERLINK("x")', '-202.00', '-1+1', '@SUM(A1)', 12.5, '<5']]));
    expect(row).toEqual([`'=HYPERLINK("x")`, '-202.00', "'-1+1", "'@SUM(A1)", '12.5', '<5']);
  });

  it('lays out a report CSV as title, facts, then each table under its heading', () => {
    const rows: string[][] = parse(
      reportCsv({
        title: 'Informe',
        facts: [['Campaña', 'Friaje']],
        tables: [{ heading: 'Meses', columns: ['Mes', 'Neto (S/)'], rows: [['2026-05', '1.00']] }],
        notes: ['Nota'],
        generatedAt: new Date(),
      }),
      { relax_column_count: true },
    );
    expect(rows).toEqual([['Informe'], ['Campaña', 'Friaje'], [''], ['Meses'], ['Mes', 'Neto (S/)'], ['2026-05', '1.00'], [''], ['Nota']]);
  });

  it('makes file-name slugs without accents or punctuation', () => {
    expect(fileSlug('Almacén Cusco (Wanchaq)')).toBe('almacen-cusco-wanchaq');
    expect(fileSlug('¡¿')).toBe('reporte');
  });
});
