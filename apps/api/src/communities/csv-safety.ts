/**
 * Spreadsheet formula injection (CSV injection): a text cell starting with = + - @ or a tab /
 * carriage return is run as a formula by Excel and LibreOffice. Such text cells get a leading
 * apostrophe; numbers are written as numbers and left alone.
 */
export function safeCsvCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes `safeCsvCell` on import: the apostrophe an export put before = + - @ tab or CR is removed again. */
export function unescapeCsvCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
