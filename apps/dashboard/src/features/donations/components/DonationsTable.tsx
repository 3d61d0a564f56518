import { useTranslation } from 'react-i18next';
import { formatMoney, openReceipt, type Donation } from '../api/donations-api';

/** Donations with their receipts (reversals shown as negative entries). */
export function DonationsTable({ items, label, showDonor = true }: { items: Donation[]; label: string; showDonor?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="don-table-wrap">
      <table className="don-table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('donations.table.date')}</th>
            {showDonor && <th scope="col">{t('donations.table.donor')}</th>}
            <th scope="col">{t('donations.table.amount')}</th>
            <th scope="col">{t('donations.table.pen')}</th>
            <th scope="col">{t('donations.table.receipt')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <td>{d.receivedOn}</td>
              {showDonor && <td>{d.donorName}</td>}
              <td>
                {d.kind === 'in_kind' ? t('donations.table.inKind') : formatMoney(d.amountMinor, d.currency, i18n.language)}
                {d.entryType === 'reversal' && ` (${t('donations.table.reversal')})`}
              </td>
              <td>{formatMoney(d.amountPenMinor, 'PEN', i18n.language)}</td>
              <td>
                {d.receiptNumber ? (
                  <button type="button" className="button button--ghost" onClick={() => void openReceipt(d.id)}>
                    {d.receiptNumber}
                  </button>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
