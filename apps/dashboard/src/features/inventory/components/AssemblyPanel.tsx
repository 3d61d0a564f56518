import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@app/problem';
import { useAssemble, useAssemblyPreview, useCapacity, useKitTypes } from '../hooks/useInventory';

/** Choose a kit type and a count, see what will be consumed lot by lot, then assemble. */
export function AssemblyPanel({ warehouseId }: { warehouseId: string }) {
  const { t, i18n } = useTranslation();
  const kits = useKitTypes();
  const capacity = useCapacity(warehouseId);
  const [kitTypeId, setKitTypeId] = useState('');
  const [count, setCount] = useState(1);
  const preview = useAssemblyPreview(warehouseId, kitTypeId, count);
  const mutation = useAssemble();
  const [done, setDone] = useState<string | null>(null);
  const en = i18n.language.startsWith('en');

  return (
    <div className="inv-panel">
      <h2>{t('inventory.capacityTitle')}</h2>
      <ul className="inv-capacity">
        {capacity.data?.map((c) => {
          const limit = c.components.find((x) => x.itemId === c.limitingItemId);
          return (
            <li key={c.kitTypeId}>
              <strong>{en ? c.nameEn : c.nameEs}</strong>: {t('inventory.kitsPossible', { count: c.kitsPossible })}
              {limit && <span className="muted"> — {t('inventory.limitedBy', { name: en ? limit.nameEn : limit.nameEs })}</span>}
            </li>
          );
        })}
      </ul>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          mutation.mutate(
            { warehouseId, kitTypeId, count },
            {
              onSuccess: () =>
                setDone(
                  t('inventory.assembled', { count, name: kits.data?.find((k) => k.id === kitTypeId)?.[en ? 'nameEn' : 'nameEs'] ?? '' }),
                ),
            },
          );
        }}
      >
        <div className="field">
          <label htmlFor="asm-kit">{t('inventory.kitType')}</label>
          <select id="asm-kit" value={kitTypeId} required onChange={(e) => setKitTypeId(e.target.value)}>
            <option value="">{t('inventory.chooseKit')}</option>
            {kits.data?.map((k) => (
              <option key={k.id} value={k.id}>
                {(en ? k.nameEn : k.nameEs) + ` (v${k.version})`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="asm-count">{t('inventory.count')}</label>
          <input
            id="asm-count"
            type="number"
            min={1}
            max={100000}
            value={count}
            onChange={(e) => setCount(Math.max(1, Number(e.target.value) || 1))}
          />
        </div>
        <div className="field">
          <button type="submit" className="primary" disabled={!kitTypeId || mutation.isPending || preview.data?.possible === false}>
            {t('inventory.assemble')}
          </button>
        </div>
      </form>
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      {mutation.error instanceof ApiError && (
        <p className="alert" role="alert">
          {mutation.error.message}
        </p>
      )}
      {kitTypeId && preview.data && (
        <section aria-labelledby="asm-preview-title">
          <h3 id="asm-preview-title">{t('inventory.willConsume')}</h3>
          {preview.data.shortages.length > 0 && (
            <ul className="alert" role="alert">
              {preview.data.shortages.map((s) => (
                <li key={s.itemId}>{t('inventory.shortage', { name: s.name, requested: s.requested, available: s.available })}</li>
              ))}
            </ul>
          )}
          {preview.data.possible && (
            <>
              <p className="muted">{t('inventory.kitExpiry', { date: preview.data.kitExpiry ?? '—' })}</p>
              <div className="table-wrap">
                <table className="table" aria-label={t('inventory.willConsume')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('inventory.name')}</th>
                      <th scope="col">{t('inventory.lot')}</th>
                      <th scope="col">{t('inventory.expiry')}</th>
                      <th scope="col">{t('inventory.quantity')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.data.consumed.map((c) => (
                      <tr key={c.lotId}>
                        <td>{en ? c.nameEn : c.nameEs}</td>
                        <td>{c.lotCode || '—'}</td>
                        <td>{c.expiryDate ?? '—'}</td>
                        <td className="num">{c.quantity}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
