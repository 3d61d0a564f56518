import {
  CODE_ALPHABET,
  CODE_LENGTH,
  generateConfirmationCode,
  hashConfirmationCode,
  normalizeConfirmationCode,
  sealConfirmationCode,
  unsealConfirmationCode,
} from './confirmation-codes';

describe('confirmation codes', () => {
  it('carries at least 30 bits and uses only the Crockford alphabet', () => {
    expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(30);
    const codes = new Set(Array.from({ length: 2000 }, () => generateConfirmationCode()));
    expect(codes.size).toBeGreaterThan(1990);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('normalises what people type and refuses what cannot be a code', () => {
    expect(normalizeConfirmationCode(' 7k3-q9x ')).toBe('7K3Q9X');
    expect(normalizeConfirmationCode('OIL123')).toBe('011123');
    expect(normalizeConfirmationCode('7K3Q9')).toBeNull();
    expect(normalizeConfirmationCode('7K3Q9U')).toBeNull();
  });

  it('hashes deterministically and seals reversibly with the secret only', () => {
    expect(hashConfirmationCode('7K3Q9X')).toBe(hashConfirmationCode('7K3Q9X'));
    expect(hashConfirmationCode('7K3Q9X')).not.toBe(hashConfirmationCode('7K3Q9Y'));
    const secret = 'a-secret-of-at-least-32-characters!!';
    const sealed = sealConfirmationCode('7K3Q9X', secret);
    expect(sealed).not.toContain('7K3Q9X');
    expect(unsealConfirmationCode(sealed, secret)).toBe('7K3Q9X');
    expect(() => unsealConfirmationCode(sealed, 'another-secret-of-32-characters!!!!')).toThrow();
  });
});
