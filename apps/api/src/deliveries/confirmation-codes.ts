import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';

/** Crockford base32 without I, L, O, U: easy to read out by phone and to type on a keypad. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 6 symbols × 5 bits = 30 bits of entropy (the issue asks for at least 30). */
export const CODE_LENGTH = 6;

/** A fresh random per-stop confirmation code (CSPRNG). */
export function generateConfirmationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/**
 * Normalises what a person typed: upper case, spaces and dashes removed, and the Crockford
 * look-alikes mapped (O→0, I/L→1). Returns null when it cannot be a code.
 */
export function normalizeConfirmationCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CODE_ALPHABET.includes(ch)) return null;
  return cleaned;
}

/** What is stored to look a code up (the code itself is never stored in clear). */
export function hashConfirmationCode(code: string): string {
  return createHash('sha256').update(`minka-stop-code:${code}`).digest('hex');
}

function sealKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'minka', 'delivery-confirmation-code', 32));
}

/** AES-256-GCM copy of the code, so the manifest can be printed again. Format: base64url(iv|tag|ciphertext). */
export function sealConfirmationCode(code: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function unsealConfirmationCode(sealed: string, secret: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
