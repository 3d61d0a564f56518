/**
 * Number, money and date formats of the dashboard. Money is in soles, written the way the network's
 * reports write it: `S/ 1 234,50` in Spanish (no-break space between thousands, decimal comma) and
 * `S/ 1,234.50` in English. Dates are always shown on the Lima calendar (America/Lima), whatever the
 * device's time zone.
 */
export const LIMA = 'America/Lima';
const NBSP = '\u00a0';

function isEnglish(language: string): boolean {
  return language.toLowerCase().startsWith('en');
}

/** A plain number with the language's separators (Spanish and Quechua: `1 234,5`; English: `1,234.5`). */
export function formatNumber(value: number, language: string, options: Intl.NumberFormatOptions = {}): string {
  const parts = new Intl.NumberFormat('en-US', { useGrouping: 'always', ...options }).formatToParts(value);
  if (isEnglish(language)) return parts.map((p) => p.value).join('');
  return parts
    .map((p) => (p.type === 'group' ? NBSP : p.type === 'decimal' ? ',' : p.value))
    .join('');
}

/** Soles with two decimals: `S/ 1 234,50` (es-PE, qu) or `S/ 1,234.50` (en). */
export function formatSoles(soles: number, language: string): string {
  const sign = soles < 0 ? '-' : '';
  return `${sign}S/${NBSP}${formatNumber(Math.abs(soles), language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Soles from integer céntimos (the API's `*PenMinor` fields). */
export function formatSolesMinor(minor: number, language: string): string {
  return formatSoles(minor / 100, language);
}

/** Intl locale to use for dates: Quechua falls back to Peruvian Spanish month names. */
export function dateLocale(language: string): string {
  return isEnglish(language) ? 'en-GB' : 'es-PE';
}

/** A date-time on the Lima clock, e.g. `5/12/26, 09:30`. */
export function formatDateTime(iso: string, language: string): string {
  return new Date(iso).toLocaleString(dateLocale(language), { dateStyle: 'short', timeStyle: 'short', timeZone: LIMA });
}

/** A calendar day on the Lima calendar, e.g. `5 dic 2026`. */
export function formatDate(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(dateLocale(language), { dateStyle: 'medium', timeZone: LIMA });
}
