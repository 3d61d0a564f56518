/** The proof-of-delivery form: its model, the rules checked before a confirmation is queued, the body. */
import type { ConfirmationBody, PublicStop, RejectionReason } from './api';
import type { MessageKey } from './i18n';

export interface LineModel {
  lineId: string;
  dispatched: number;
  accepted: number;
  rejected: number;
  missing: number;
  reason: RejectionReason | '';
}

export interface FormModel {
  lines: LineModel[];
  receivedByName: string;
  receivedByRole: string;
  notes: string;
  photo: string | null;
  gps: { lat: number; lon: number } | null;
}

export type FormErrors = {
  lines: Record<string, { key: MessageKey; n?: number }[]>;
  name?: MessageKey;
};

export function newForm(stop: PublicStop): FormModel {
  return {
    lines: stop.lines.map((l) => ({
      lineId: l.lineId,
      dispatched: l.dispatched,
      accepted: l.dispatched,
      rejected: 0,
      missing: 0,
      reason: '',
    })),
    receivedByName: '',
    receivedByRole: '',
    notes: '',
    photo: null,
    gps: null,
  };
}

/** Back from a queued body (when the server refused it and the person corrects it). */
export function formFromBody(stop: PublicStop, body: ConfirmationBody): FormModel {
  const form = newForm(stop);
  for (const line of form.lines) {
    const sent = body.lines.find((l) => l.lineId === line.lineId);
    if (!sent) continue;
    Object.assign(line, { accepted: sent.accepted, rejected: sent.rejected, missing: sent.missing, reason: sent.rejectionReason ?? '' });
  }
  return {
    ...form,
    receivedByName: body.receivedByName,
    receivedByRole: body.receivedByRole ?? '',
    notes: body.notes ?? '',
    photo: body.photo ?? null,
    gps: body.gps ?? null,
  };
}

/** Rejected or missing units come out of "accepted", so the usual case needs one tap per change. */
export function rebalance(line: LineModel): void {
  line.accepted = Math.max(0, line.dispatched - line.rejected - line.missing);
}

export function validate(form: FormModel): FormErrors | null {
  const errors: FormErrors = { lines: {} };
  let bad = false;
  for (const line of form.lines) {
    const problems: { key: MessageKey; n?: number }[] = [];
    if (line.accepted + line.rejected + line.missing !== line.dispatched) problems.push({ key: 'sumError', n: line.dispatched });
    if (line.rejected > 0 && !line.reason) problems.push({ key: 'reasonError' });
    if (problems.length > 0) {
      errors.lines[line.lineId] = problems;
      bad = true;
    }
  }
  if (form.receivedByName.trim().length < 2) {
    errors.name = 'nameError';
    bad = true;
  }
  return bad ? errors : null;
}

export function toBody(code: string, form: FormModel, receivedAt: Date): ConfirmationBody {
  const optional = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    code,
    receivedByName: form.receivedByName.trim(),
    receivedByRole: optional(form.receivedByRole),
    receivedAt: receivedAt.toISOString(),
    notes: optional(form.notes),
    photo: form.photo ?? undefined,
    gps: form.gps ?? undefined,
    lines: form.lines.map((l) => ({
      lineId: l.lineId,
      accepted: l.accepted,
      rejected: l.rejected,
      rejectionReason: l.rejected > 0 && l.reason ? l.reason : undefined,
      missing: l.missing,
    })),
  };
}
