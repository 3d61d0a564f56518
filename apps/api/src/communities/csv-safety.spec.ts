import { safeCsvCell } from './csv-safety';

describe('safeCsvCell', () => {
  it.each(['=1+1', '+51984', '-cmd', '@SUM(A1)', '\tx', '\rx'])('prefixes formula-looking text %p with an apostrophe', (value) => {
    expect(safeCsvCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text and numbers (even negative ones) alone', () => {
    expect(safeCsvCell('Pomacanchi')).toBe('Pomacanchi');
    expect(safeCsvCell(-14.03)).toBe(-14.03);
    expect(safeCsvCell(null)).toBe('');
  });
});
