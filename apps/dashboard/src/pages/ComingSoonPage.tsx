import { useTranslation } from 'react-i18next';
import type { ModuleId } from '@app/navigation';

/** Honest placeholder for a module that is not built yet: no sample data, no fake numbers. */
export function ComingSoonPage({ module }: { module: ModuleId }) {
  const { t } = useTranslation();
  return (
    <section className="page" aria-labelledby="coming-soon-title">
      <h1 id="coming-soon-title">{t('comingSoon.title', { module: t(`nav.${module}`) })}</h1>
      <p>{t('comingSoon.body')}</p>
    </section>
  );
}
