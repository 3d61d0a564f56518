import { normalizeConfirmationCode } from './confirmation-codes';
import type { RejectionReason } from './deliveries.entities';

/**
 * Confirmation texts sent by SMS, e.g. `MINKA 7K3Q9X OK` or `MINKA 7K3Q9X 8 2 DAÑADO`, and the
 * Spanish replies. Case, accents (Ñ = N) and punctuation are ignored. After the code come one group
 * per kit line of the stop, separated by `;` (in the order printed on the manifest): `OK` (all of
 * that line accepted) or `<accepted> [<rejected> [<reason>]]`; what is neither accepted nor rejected
 * is missing. A single `OK` accepts every line. Pure functions, no I/O.
 *
 * Replies use GSM-7 characters only (no á/í/ó/ú), so that each fits one 160-character SMS.
 */

export type SmsGroup = { kind: 'all' } | { kind: 'counts'; accepted: number; rejected: number; reason: RejectionReason | null };

export type SmsParseError =
  | { kind: 'not_minka' }
  | { kind: 'missing_code' }
  | { kind: 'bad_code'; token: string }
  | { kind: 'missing_quantities' }
  | { kind: 'bad_number'; group: number; token: string }
  | { kind: 'reason_required'; group: number }
  | { kind: 'unknown_reason'; group: number; token: string };

export type SmsParseResult = { ok: true; code: string; groups: SmsGroup[] } | { ok: false; error: SmsParseError };

export interface SmsLineInput {
  dispatched: number;
}

export interface SmsProofLine {
  accepted: number;
  rejected: number;
  missing: number;
  rejectionReason: RejectionReason | null;
}

export type SmsApplyError = { kind: 'group_count'; expected: number; got: number } | { kind: 'exceeds'; group: number; dispatched: number };

export type SmsApplyResult = { ok: true; lines: SmsProofLine[] } | { ok: false; error: SmsApplyError };

const REASONS: Record<string, RejectionReason> = {
  DANADO: 'damaged',
  DANADOS: 'damaged',
  DANADA: 'damaged',
  DANADAS: 'damaged',
  VENCIDO: 'expired',
  VENCIDOS: 'expired',
  VENCIDA: 'expired',
  VENCIDAS: 'expired',
  EQUIVOCADO: 'wrong_item',
  EQUIVOCADOS: 'wrong_item',
  EQUIVOCADA: 'wrong_item',
  EQUIVOCADAS: 'wrong_item',
  'NO NECESARIO': 'not_needed',
  'NO NECESARIOS': 'not_needed',
  'NO NECESARIA': 'not_needed',
  'NO NECESARIAS': 'not_needed',
  NONECESARIO: 'not_needed',
};

const NUMBER = /^\d{1,6}$/;

/** Upper case, accents and Ñ's tilde removed, punctuation other than `;` and `-` turned into spaces. */
export function normalizeSmsText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9;\- ]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function parseSms(text: string): SmsParseResult {
  const normalized = normalizeSmsText(text);
  const [head, ...restGroups] = normalized.split(';');
  const tokens = (head ?? '').split(' ').filter(Boolean);
  if (tokens[0] !== 'MINKA') return { ok: false, error: { kind: 'not_minka' } };
  const codeToken = tokens[1];
  if (codeToken === undefined) return { ok: false, error: { kind: 'missing_code' } };
  let code = normalizeConfirmationCode(codeToken);
  let firstGroupStart = 2;
  // A code typed in two halves ("7K3 Q9X").
  if (!code && tokens[2] !== undefined) {
    const joined = normalizeConfirmationCode(codeToken + tokens[2]);
    if (joined && codeToken.length === 3) {
      code = joined;
      firstGroupStart = 3;
    }
  }
  if (!code) return { ok: false, error: { kind: 'bad_code', token: codeToken.slice(0, 12) } };

  const rawGroups = [tokens.slice(firstGroupStart), ...restGroups.map((g) => g.split(' ').filter(Boolean))];
  // Empty groups ("…OK;" or ";;") are ignored.
  const nonEmpty = rawGroups.filter((g) => g.length > 0);
  if (nonEmpty.length === 0) return { ok: false, error: { kind: 'missing_quantities' } };
  const groups: SmsGroup[] = [];
  for (const [index, group] of nonEmpty.entries()) {
    const parsed = parseGroup(group, index);
    if ('error' in parsed) return { ok: false, error: parsed.error };
    groups.push(parsed.group);
  }
  return { ok: true, code, groups };
}

function parseGroup(tokens: string[], group: number): { group: SmsGroup } | { error: SmsParseError } {
  const [first, second, ...reasonTokens] = tokens;
  if (first === 'OK' && tokens.length === 1) return { group: { kind: 'all' } };
  if (first === undefined || !NUMBER.test(first)) return { error: { kind: 'bad_number', group, token: (first ?? '').slice(0, 12) } };
  const accepted = Number(first);
  if (second === undefined) return { group: { kind: 'counts', accepted, rejected: 0, reason: null } };
  if (!NUMBER.test(second)) return { error: { kind: 'bad_number', group, token: second.slice(0, 12) } };
  const rejected = Number(second);
  if (reasonTokens.length === 0) {
    return rejected > 0
      ? { error: { kind: 'reason_required', group } }
      : { group: { kind: 'counts', accepted, rejected: 0, reason: null } };
  }
  const reasonText = reasonTokens.join(' ');
  const reason = REASONS[reasonText];
  if (!reason) return { error: { kind: 'unknown_reason', group, token: reasonText.slice(0, 20) } };
  // A reason without rejected units says nothing: it is dropped rather than refused.
  return { group: { kind: 'counts', accepted, rejected, reason: rejected > 0 ? reason : null } };
}

/** Maps the groups onto the stop's lines (manifest order); missing = dispatched − accepted − rejected. */
export function applySmsGroups(groups: SmsGroup[], lines: SmsLineInput[]): SmsApplyResult {
  if (groups.length === 1 && groups[0]?.kind === 'all') {
    return { ok: true, lines: lines.map((l) => ({ accepted: l.dispatched, rejected: 0, missing: 0, rejectionReason: null })) };
  }
  if (groups.length !== lines.length) return { ok: false, error: { kind: 'group_count', expected: lines.length, got: groups.length } };
  const out: SmsProofLine[] = [];
  for (const [index, group] of groups.entries()) {
    const line = lines[index];
    if (group.kind === 'all') {
      out.push({ accepted: line.dispatched, rejected: 0, missing: 0, rejectionReason: null });
      continue;
    }
    if (group.accepted + group.rejected > line.dispatched) {
      return { ok: false, error: { kind: 'exceeds', group: index, dispatched: line.dispatched } };
    }
    out.push({
      accepted: group.accepted,
      rejected: group.rejected,
      missing: line.dispatched - group.accepted - group.rejected,
      rejectionReason: group.reason,
    });
  }
  return { ok: true, lines: out };
}

// ------------------------------------------------------------------ replies (Spanish, GSM-7)

const EXAMPLE = 'Ejemplo: MINKA 7K3Q9X OK o MINKA 7K3Q9X 8 2 DANADO';

export type SmsOutcome =
  | { kind: 'confirmed'; community: string; accepted: number; rejected: number; missing: number }
  | SmsParseError
  | SmsApplyError
  | { kind: 'code_invalid' }
  | { kind: 'code_expired' }
  | { kind: 'not_confirmable' }
  | { kind: 'too_many_attempts'; minutes: number };

export function smsReply(outcome: SmsOutcome): string {
  const text = replyText(outcome);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function replyText(outcome: SmsOutcome): string {
  switch (outcome.kind) {
    case 'confirmed':
      return (
        `Minka: entrega a ${gsm(outcome.community).slice(0, 40)} confirmada. ` +
        `Aceptados ${outcome.accepted}, rechazados ${outcome.rejected}, faltantes ${outcome.missing}. Gracias.`
      );
    case 'not_minka':
      return `Minka: mensaje no reconocido. Empiece con MINKA y el codigo del manifiesto. ${EXAMPLE}`;
    case 'missing_code':
      return `Minka: falta el codigo de 6 caracteres del manifiesto. ${EXAMPLE}`;
    case 'bad_code':
      return `Minka: "${outcome.token}" no es un codigo de entrega (6 letras y numeros). ${EXAMPLE}`;
    case 'missing_quantities':
      return `Minka: indique OK o las cantidades recibidas. ${EXAMPLE}`;
    case 'bad_number':
      return `Minka: "${outcome.token}" no es una cantidad (kit ${outcome.group + 1}). Escriba aceptados, rechazados y motivo. ${EXAMPLE}`;
    case 'reason_required':
      return `Minka: indique el motivo del rechazo del kit ${outcome.group + 1}: DANADO, VENCIDO, EQUIVOCADO o NO NECESARIO.`;
    case 'unknown_reason':
      return `Minka: motivo "${outcome.token}" no reconocido (kit ${outcome.group + 1}). Use DANADO, VENCIDO, EQUIVOCADO o NO NECESARIO.`;
    case 'group_count':
      return (
        `Minka: esta entrega tiene ${outcome.expected} tipos de kit y su mensaje trae ${outcome.got}. ` +
        `Envie OK o un grupo por kit separado por ; (ej.: 8 2 DANADO; 5 0).`
      );
    case 'exceeds':
      return `Minka: en el kit ${outcome.group + 1} se enviaron ${outcome.dispatched}; aceptados mas rechazados no pueden superar esa cantidad.`;
    case 'code_invalid':
      return 'Minka: el codigo no es valido o ya fue usado. Revise el codigo del manifiesto.';
    case 'code_expired':
      return 'Minka: el codigo vencio. Pida a su coordinador que registre la confirmacion por telefono.';
    case 'not_confirmable':
      return 'Minka: esta entrega no puede confirmarse ahora. Comuniquese con su coordinador.';
    case 'too_many_attempts':
      return `Minka: demasiados codigos incorrectos. Intente de nuevo en ${outcome.minutes} minutos.`;
  }
}

/** Accents removed (á→a, ñ→n): GSM-7 keeps the reply to one SMS. */
function gsm(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7E]/g, '');
}
