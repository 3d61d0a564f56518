import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** argon2id, above OWASP's minimum (m = 19 MiB, t = 2, p = 1). */
export const ARGON2_OPTIONS = { type: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

// Common passwords: zxcvbn-ts's list of 49k leaked passwords, plus Spanish ones and the product's own name.
const EXTRA = [
  'contraseña',
  'contrasena',
  'contraseña1',
  'contrasena123',
  'minka',
  'minka123',
  'minka2026',
  'peru1234',
  'perú1234',
  'lima1234',
  'cusco123',
  'qwerty123',
  'clave123',
  'clave1234',
  'administrador',
  'bienvenido',
  'teamo123',
];
const COMMON = new Set<string>([...dictionary['passwords-common'], ...EXTRA].map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

export function checkPassword(password: string, email?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lowered = password.toLowerCase();
  if (COMMON.has(lowered)) return 'common';
  if (email) {
    const local = email.toLowerCase().split('@')[0] ?? '';
    if (local.length >= 3 && (lowered === local || lowered === email.toLowerCase())) return 'common';
  }
  // A single repeated character or a plain run of digits is as weak as a listed password.
  if (/^(.)\1+$/.test(password) || /^\d+$/.test(password)) return 'common';
  return null;
}
