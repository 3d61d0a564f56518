import { checkPassword } from './password-policy';

describe('password policy', () => {
  it('refuses passwords shorter than 8 or longer than 128 characters', () => {
    expect(checkPassword('short1!')).toBe('too_short');
    expect(checkPassword('a'.repeat(120) + 'bcdefghij')).toBe('too_long');
  });

  it('refuses passwords from the common-password list, whatever their case', () => {
    expect(checkPassword('password')).toBe('common');
    expect(checkPassword('PassWord')).toBe('common');
    expect(checkPassword('contraseña')).toBe('common');
    expect(checkPassword('12345678')).toBe('common');
  });

  it('refuses the email as password', () => {
    expect(checkPassword('coordinador', 'coordinador@minka.demo')).toBe('common');
  });

  it('accepts a long uncommon passphrase, counting characters rather than bytes', () => {
    expect(checkPassword('minka-demo-2026')).toBeNull();
    expect(checkPassword('ñandú-qhapaq-ñan')).toBeNull();
  });
});
