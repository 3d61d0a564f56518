import { smallNumber } from './campaigns.service';
import { decimalToMinor, receiptNumber } from './donations.service';

describe('donation helpers', () => {
  it('hides districts with fewer than five households', () => {
    expect([0, 1, 4, 5, 37].map(smallNumber)).toEqual(['0', '< 5', '< 5', '5', '37']);
  });

  it('formats receipt numbers per organisation and year, zero-padded', () => {
    expect(receiptNumber('red-minka', 2026, 42)).toBe('RED-MINKA-2026-000042');
    expect(receiptNumber('red-minka', null, null)).toBeNull();
  });

  it('reads bank statement amounts exactly, refusing a third decimal', () => {
    expect(decimalToMinor('1,250.50')).toBe(125050n);
    expect(decimalToMinor('150')).toBe(15000n);
    expect(decimalToMinor('0.1')).toBe(10n);
    for (const bad of ['1.005', '-3', 'abc', '']) expect(() => decimalToMinor(bad)).toThrow(RangeError);
  });
});
