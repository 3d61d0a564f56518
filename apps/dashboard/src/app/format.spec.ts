import { describe, expect, it } from '@jest/globals';
import { formatDate, formatNumber, formatSoles, formatSolesMinor } from './format';

describe('dashboard formats', () => {
  it('writes soles the Peruvian way in Spanish and Quechua, and with commas in English', () => {
    expect(formatSoles(1234.5, 'es-PE')).toBe('S/\u00a01\u00a0234,50');
    expect(formatSoles(1234.5, 'qu')).toBe('S/\u00a01\u00a0234,50');
    expect(formatSoles(1234.5, 'en')).toBe('S/\u00a01,234.50');
    expect(formatSolesMinor(500_000_000, 'es-PE')).toBe('S/\u00a05\u00a0000\u00a0000,00');
    expect(formatSoles(-12.3, 'es-PE')).toBe('-S/\u00a012,30');
    expect(formatSoles(0.005, 'es-PE')).toBe('S/\u00a00,01');
  });

  it('groups plain numbers per language', () => {
    expect(formatNumber(94922, 'es-PE')).toBe('94\u00a0922');
    expect(formatNumber(94922, 'en')).toBe('94,922');
  });

  it('shows dates on the Lima calendar whatever the time zone of the instant', () => {
    // 03:00 UTC on 6 Dec is still 5 Dec in Lima (UTC-5).
    expect(formatDate('2026-12-06T03:00:00Z', 'es-PE')).toMatch(/^5 dic/);
    expect(formatDate('2026-12-06T03:00:00Z', 'en')).toMatch(/^5 Dec/);
  });
});
