import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Query {
  isPending: boolean;
  isError: boolean;
  refetch: () => unknown;
}

/** One block of a home section: a titled card that says when its data is loading or failed. */
export function HomeCard({
  title,
  query,
  wide = false,
  children,
  testId,
}: {
  title: string;
  query?: Query;
  wide?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className={`home-card${wide ? ' home-card--wide' : ''}`} aria-labelledby={titleId} data-testid={testId}>
      <h3 id={titleId} className="home-card__title">
        {title}
      </h3>
      {query?.isError ? (
        <div className="alert" role="alert">
          <p>{t('home.loadFailed')}</p>
          <button type="button" className="button" onClick={() => void query.refetch()}>
            {t('home.retry')}
          </button>
        </div>
      ) : query?.isPending ? (
        <p className="muted" role="status">
          {t('home.loading')}
        </p>
      ) : (
        children
      )}
    </section>
  );
}

/** A big number with its label (counts and totals people read first). */
export function Figure({ value, label, testId }: { value: string; label: string; testId?: string }) {
  return (
    <p className="home-figure" data-testid={testId}>
      <span className="home-figure__value">{value}</span>
      <span className="home-figure__label">{label}</span>
    </p>
  );
}
