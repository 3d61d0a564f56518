import { DomainError } from '../platform/errors/domain-error';
import { ImportReport, parseCsv, toCsv } from './csv-exchange';

describe('csv exchange', () => {
  it('reads back what it writes, formula-looking text included', () => {
    const csv = toCsv(['name', 'phone', 'qty'], [{ name: '=HYPERLINK("x")', phone: '+51 984 111 222', qty: -3 }]);
    expect(csv).toBe(`name,phone,qty\n"'=HYPERLINK(""x"")",'+51 984 111 222,-3\n`);
    expect(parseCsv(csv, ['name', 'phone', 'qty'], ['name'])).toEqual([
      { line: 2, cells: { name: '=HYPERLINK("x")', phone: '+51 984 111 222', qty: '-3' } },
    ]);
  });

  it('refuses a file with a column it does not know or without a required one, naming csv', () => {
    for (const [csv, text] of [
      ['name,colour\nx,y\n', 'unknown columns: colour'],
      ['phone\n1\n', 'missing columns: name'],
    ] as const) {
      let error: unknown;
      try {
        parseCsv(csv, ['name', 'phone'], ['name']);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).errors).toEqual([expect.objectContaining({ field: 'csv', message: text })]);
    }
  });

  it('counts outcomes per row and points the other rows of a rejected group at the row with the error', () => {
    const report = new ImportReport();
    report.add([2], 'A', 'created', 'id-a');
    report.reject([3, 4], 'KIT', [{ field: 'component_sku', message: 'unknown item X' }], 4);
    const partial = report.finish(true);
    expect(partial).toMatchObject({ total: 3, accepted: 1, rejected: 2, created: 1 });
    expect(partial.rows.map((r) => [r.line, r.status, r.errors[0]?.field ?? null])).toEqual([
      [2, 'created', null],
      [3, 'rejected', 'line'],
      [4, 'rejected', 'component_sku'],
    ]);
    expect(() => report.finish(false)).toThrow(DomainError);
  });
});
