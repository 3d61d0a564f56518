/**
 * Exact money arithmetic for donations. Amounts are integer minor units (bigint); an exchange rate is
 * the decimal string the fundraiser typed (PEN per 1 unit of the foreign currency, at most 6
 * decimals), never a float. PEN, USD and EUR all have 2 minor digits, so
 *   pen_minor = amount_minor × rate
 * rounded to the nearest céntimo, halves away from zero (the bank convention; a reversal of a
 * donation therefore negates exactly the same céntimos).
 */
export const RATE_SCALE_DIGITS = 6;
const RATE_SCALE = 10n ** BigInt(RATE_SCALE_DIGITS);
export const RATE_PATTERN = /^(?:0|[1-9]\d{0,5})(?:\.\d{1,6})?$/;

/** "3.7512" → 3751200n (scaled by 10^6). Throws on anything that is not a plain positive decimal. */
export function parseRate(rate: string): bigint {
  if (!RATE_PATTERN.test(rate)) throw new RangeError(`invalid exchange rate ${rate}`);
  const [whole, frac = ''] = rate.split('.');
  const scaled = BigInt(whole ?? '0') * RATE_SCALE + BigInt(frac.padEnd(RATE_SCALE_DIGITS, '0'));
  if (scaled <= 0n) throw new RangeError('exchange rate must be positive');
  return scaled;
}

/** Converts minor units of a foreign currency to PEN céntimos with the recorded rate (half away from zero). */
export function toPenMinor(amountMinor: bigint, rate: string): bigint {
  const product = amountMinor * parseRate(rate);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs + RATE_SCALE / 2n) / RATE_SCALE;
  return negative ? -rounded : rounded;
}

/** Parses a minor-units string from JSON ("12345"), refusing floats, signs and leading zeros. */
export function parseMinor(value: string): bigint {
  if (!/^(?:0|[1-9]\d{0,17})$/.test(value)) throw new RangeError(`invalid amount ${value}`);
  return BigInt(value);
}

/** 123456789n → "1,234,567.89" (for receipts; grouping with commas as Peruvian receipts do). */
export function formatMinor(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

/** Whole percentage of a goal reached, floored, in basis points (10000 = 100 %), capped at nothing. */
export function progressBasisPoints(raised: bigint, goal: bigint): number {
  if (goal <= 0n) return 0;
  const clamped = raised < 0n ? 0n : raised;
  return Number((clamped * 10000n) / goal);
}
