import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@app/auth-context';
import { PageLoading } from '@app/PageLoading';
import type { Role } from '../features/auth/api/auth-api';
import '../features/home/components/home.css';

// Each role's section is its own chunk: the charting library (chart.js), Leaflet and the data of a
// section are only downloaded by someone who has that role, never with the login page or the shell.
const sections: Record<Role, ComponentType<{ map: ReactNode }>> = {
  coordinator: lazy(() => import('../features/home/components/CoordinatorHome').then((m) => ({ default: m.CoordinatorHome }))),
  storekeeper: lazy(() => import('../features/home/components/StorekeeperHome').then((m) => ({ default: m.StorekeeperHome }))),
  fundraiser: lazy(() => import('../features/home/components/FundraiserHome').then((m) => ({ default: m.FundraiserHome }))),
  leader: lazy(() => import('../features/home/components/LeaderHome').then((m) => ({ default: m.LeaderHome }))),
  admin: lazy(() => import('../features/home/components/AdminHome').then((m) => ({ default: m.AdminHome }))),
  donor: lazy(() => import('../features/home/components/DonorHome').then((m) => ({ default: m.DonorHome }))),
};

/**
 * The coordinator's map of open needs: the same map and layers as /mapa (pages compose maps; features
 * do not import map/*), loaded with Leaflet in a lazy chunk of its own.
 */
const NeedsMap = lazy(async () => {
  const [{ MapView }, { OutlinesLayer }, { CommunitiesLayer }, { TileLayer }, { useOutlines }, { usePublicConfig }] = await Promise.all([
    import('../map/MapView'),
    import('../map/OutlinesLayer'),
    import('../map/CommunitiesLayer'),
    import('../map/TileLayer'),
    import('../map/outlines-data'),
    import('../features/config/hooks/usePublicConfig'),
  ]);
  function HomeNeedsMap() {
    const { t } = useTranslation();
    const config = usePublicConfig();
    const { departments, provinces } = useOutlines();
    const [selected, setSelected] = useState<string | null>(null);
    const tileUrl = config.data?.mapTileUrl ?? null;
    return (
      <MapView label={t('home.coordinator.mapRegion')}>
        {tileUrl && <TileLayer url={tileUrl} attribution={config.data?.mapTileAttribution ?? null} />}
        {departments.data && provinces.data && (
          <OutlinesLayer
            departments={departments.data}
            provinces={provinces.data}
            filled={!tileUrl}
            attribution={t('map.attribution')}
            selected={selected}
            onSelect={({ ubigeo }) => setSelected(ubigeo)}
          />
        )}
        <CommunitiesLayer />
      </MapView>
    );
  }
  return { default: HomeNeedsMap };
});

/** /inicio: one section per role of the user (a user with several roles sees each of them). */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  const many = user.roles.length > 1;
  return (
    <div className="home">
      <h1 id="home-title">{t('home.title', { name: user.fullName })}</h1>
      <p className="home__intro">{t('home.intro')}</p>
      {user.roles.map((role) => {
        const Section = sections[role];
        return (
          <section key={role} className="home-section" aria-labelledby={`home-${role}`} data-testid={`home-${role}`}>
            <h2 id={`home-${role}`} className={many ? 'home-section__title' : 'visually-hidden'}>
              {t(`home.${role}.title`)}
            </h2>
            <Suspense fallback={<PageLoading />}>
              <Section
                map={
                  role === 'coordinator' ? (
                    <Suspense fallback={<PageLoading />}>
                      <NeedsMap />
                    </Suspense>
                  ) : null
                }
              />
            </Suspense>
          </section>
        );
      })}
    </div>
  );
}
