import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import type { AdjustmentReason } from '../api/inventory-api';
import { useCloseCount, useCount, useCounts, useOpenCount, useRecordCount } from '../hooks/useInventory';

const REASONS = ['count_correction', 'damaged', 'expired', 'lost', 'theft', 'found'] as const;

/** Physical counts: open (freezes expected), record each lot, explain differences, close. */
export function CountsPanel({ warehouseId }: { warehouseId: string }) {
  const { t, i18n } = useTranslation();
  const counts = useCounts(warehouseId);
  const open = useOpenCount();
  const [active, setActive] = useState<string | null>(null);
  const current = counts.data?.find((c) => c.id === active) ?? counts.data?.find((c) => c.status === 'open');
  return (
    <div className="inv-panel">
      <button
        type="button"
        className="primary"
        disabled={open.isPending}
        onClick={() => open.mutate(warehouseId, { onSuccess: (s) => setActive(s.id) })}
      >
        {t('inventory.openCount')}
      </button>
      {open.error instanceof ApiError && (
        <p className="alert" role="alert">
          {open.error.message}
        </p>
      )}
      <ul className="inv-list">
        {counts.data?.map((c) => (
          <li key={c.id}>
            <button type="button" className="linklike" onClick={() => setActive(c.id)}>
              {new Date(c.openedAt).toLocaleString(i18n.language)} —{' '}
              {c.status === 'open' ? t('inventory.countOpen') : t('inventory.countClosed')}
            </button>
          </li>
        ))}
      </ul>
      {current && <CountSheet id={current.id} />}
    </div>
  );
}

function CountSheet({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useCount(id);
  const record = useRecordCount();
  const close = useCloseCount();
  const [draft, setDraft] = useState<Record<string, { counted: string; reason: AdjustmentReason | '' }>>({});
  if (!session.data) return null;
  const editable = session.data.status === 'open';
  return (
    <section aria-label={t('inventory.countSheet')}>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('inventory.name')}</th>
              <th scope="col">{t('inventory.lot')}</th>
              <th scope="col">{t('inventory.expected')}</th>
              <th scope="col">{t('inventory.counted')}</th>
              <th scope="col">{t('inventory.reason')}</th>
              <th scope="col">{t('inventory.status')}</th>
            </tr>
          </thead>
          <tbody>
            {session.data.lines.map((l) => {
              const d = draft[l.id] ?? { counted: l.counted?.toString() ?? '', reason: '' };
              return (
                <tr key={l.id}>
                  <td>{l.name}</td>
                  <td>{l.lotCode || '—'}</td>
                  <td className="num">{l.expected}</td>
                  <td>
                    <input
                      aria-label={t('inventory.countedFor', { name: l.name, lot: l.lotCode })}
                      type="number"
                      min={0}
                      disabled={!editable}
                      value={d.counted}
                      onChange={(e) => setDraft({ ...draft, [l.id]: { ...d, counted: e.target.value } })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={t('inventory.reason')}
                      disabled={!editable}
                      value={d.reason}
                      onChange={(e) => setDraft({ ...draft, [l.id]: { ...d, reason: e.target.value as AdjustmentReason } })}
                    >
                      <option value="">—</option>
                      {REASONS.map((r) => (
                        <option key={r} value={r}>
                          {t(`inventory.reasons.${r}`)}
                        </option>
                      ))}
                    </select>
                    {editable && (
                      <button
                        type="button"
                        disabled={d.counted === '' || record.isPending}
                        onClick={() => record.mutate({ id, lineId: l.id, counted: Number(d.counted), reasonCode: d.reason || undefined })}
                      >
                        {t('inventory.save')}
                      </button>
                    )}
                  </td>
                  <td>
                    {l.counted === null
                      ? t('inventory.notCounted')
                      : l.explained
                        ? t('inventory.explained')
                        : t('inventory.difference', { count: l.difference ?? 0 })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {editable && (
        <button type="button" className="primary" disabled={close.isPending} onClick={() => close.mutate(id)}>
          {t('inventory.closeCount')}
        </button>
      )}
      {(record.error ?? close.error) instanceof ApiError && (
        <p className="alert" role="alert">
          {(record.error ?? close.error)?.message}
        </p>
      )}
    </section>
  );
}
