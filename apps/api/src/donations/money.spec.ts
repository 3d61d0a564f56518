import fc from 'fast-check';
import { formatMinor, parseMinor, parseRate, progressBasisPoints, toPenMinor } from './money';

describe('donation money arithmetic', () => {
  it('converts USD to PEN with the recorded rate, rounding half away from zero', () => {
    expect(toPenMinor(10000n, '3.75')).toBe(37500n); // US$100.00 → S/ 375.00
    expect(toPenMinor(1n, '3.755')).toBe(4n); // 3.755 céntimos → 4
    expect(toPenMinor(1n, '3.745')).toBe(4n);
    expect(toPenMinor(1n, '3.744999')).toBe(4n);
    expect(toPenMinor(3n, '0.5')).toBe(2n); // 1.5 → 2
    expect(toPenMinor(-3n, '0.5')).toBe(-2n); // a reversal negates exactly
    expect(toPenMinor(123456789n, '3.712345')).toBe(458314193n);
  });

  it('refuses rates that are not plain positive decimals', () => {
    for (const bad of ['', '0', '0.000000', '-3.7', '3,75', '1e3', '3.1234567', '03.5', 'NaN']) {
      expect(() => parseRate(bad)).toThrow(RangeError);
    }
    expect(parseRate('3.7512')).toBe(3751200n);
  });

  it('reversing a conversion always cancels it exactly (property)', () => {
    const seed = Date.now() % 100000;
    console.log(`money property seed=${seed}`);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 1, max: 9_999_999 }), (amount, rateMicros) => {
        const rate = `${Math.floor(rateMicros / 1_000_000)}.${String(rateMicros % 1_000_000).padStart(6, '0')}`;
        const pen = toPenMinor(amount, rate);
        expect(toPenMinor(-amount, rate)).toBe(-pen);
        // exact: |pen − amount × rate| ≤ 0.5 céntimo
        const diff = pen * 1_000_000n - amount * BigInt(rateMicros);
        expect(diff <= 500_000n && diff >= -500_000n).toBe(true);
      }),
      { seed },
    );
  });

  it('parses minor units strictly and formats them for receipts', () => {
    expect(parseMinor('150000')).toBe(150000n);
    for (const bad of ['1.5', '-1', '01', '', '1e5']) expect(() => parseMinor(bad)).toThrow(RangeError);
    expect(formatMinor(50000000n)).toBe('500,000.00');
    expect(formatMinor(5n)).toBe('0.05');
    expect(formatMinor(-12345n)).toBe('-123.45');
  });

  it('computes progress in basis points', () => {
    expect(progressBasisPoints(25000000n, 50000000n)).toBe(5000);
    expect(progressBasisPoints(-1n, 100n)).toBe(0);
    expect(progressBasisPoints(600n, 500n)).toBe(12000);
  });
});
