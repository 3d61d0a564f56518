import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import type { RouteStatus, StopStatus } from '../api/deliveries-types';

/** One colour per vehicle (route), in the order the vehicles were added; distinct on the pale map. */
export const VEHICLE_COLOURS = ['#1b6f93', '#c2410c', '#7e22ce', '#15803d', '#be123c', '#a16207', '#0f766e', '#4338ca'];
export const vehicleColour = (index: number) => VEHICLE_COLOURS[index % VEHICLE_COLOURS.length];

/** Stop statuses on the board and the map: grey waiting, amber delivered, green confirmed, red failed. */
export const STOP_STATUS_COLOURS: Record<StopStatus, string> = {
  pending: '#52606d',
  delivered: '#d97706',
  confirmed: '#2f7d32',
  failed: '#b3261e',
  cancelled: '#9aa5b1',
};

/** The next status step of a route and the API action that takes it there. */
export const ROUTE_NEXT_STEP: Partial<Record<RouteStatus, 'load' | 'start' | 'complete' | 'close'>> = {
  planned: 'load',
  loaded: 'start',
  in_transit: 'complete',
  completed: 'close',
};

/** The API's explanation (problem+json `detail` and field messages) of a failed action. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  return (
    <div className="alert" role="alert">
      <p className="dl-alert__text">{error instanceof ApiError ? error.message : t('errors.generic')}</p>
      {problem?.errors && problem.errors.length > 0 && (
        <ul className="dl-alert__fields">
          {problem.errors.map((e) => (
            <li key={`${e.field}-${e.code}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  /** Disable the confirm button (e.g. a required reason is still empty). */
  canConfirm?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A modal <dialog>: focus moves in, Escape closes it, the page behind is inert. */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, danger, canConfirm = true, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dl-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <h2 id={titleId} className="dl-dialog__title">
          {title}
        </h2>
        {children}
        <div className="actions dl-dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('deliveries.common.back')}
          </button>
          <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy || !canConfirm}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** minutes after midnight ⇄ "HH:MM" for <input type="time">. */
export const minutesToTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
export const timeToMinutes = (value: string) => {
  const [h, m] = value.split(':').map(Number);
  return (h || 0) * 60 + (m || 0);
};

export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    en: lang.startsWith('en'),
    dateTime: (iso: string | null) =>
      iso ? new Date(iso).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short', timeZone: 'America/Lima' }) : '—',
    time: (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', timeZone: 'America/Lima' }) : '—'),
    date: (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString(lang, { dateStyle: 'medium', timeZone: 'UTC' }),
    km: (m: number) => (m / 1000).toLocaleString(lang, { maximumFractionDigits: 1 }),
    hours: (s: number) => (s / 3600).toLocaleString(lang, { maximumFractionDigits: 1 }),
    num: (n: number, digits = 1) => n.toLocaleString(lang, { maximumFractionDigits: digits }),
  };
}
