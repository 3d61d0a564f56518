import '../features/reports/components/reports.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@app/auth-context';
import { formatDate } from '@app/format';
import { canSee, modules } from '@app/navigation';
import { usePublicConfig } from '../features/config/hooks/usePublicConfig';
import type { Organization } from '../features/reports/api/reports-api';
import { CoverageFilters, type CoverageFilterValues } from '../features/reports/components/CoverageFilters';
import { CoverageLegend } from '../features/reports/components/CoverageLegend';
import { DocumentsPanel } from '../features/reports/components/DocumentsPanel';
import { DistrictsTable, GapsTable, OverlapsTable } from '../features/reports/components/CoverageTables';
import { ThreeWForm } from '../features/reports/components/ThreeWForm';
import { dayInstant, defaultRange } from '../features/reports/dates';
import { useCoverage, useOrganizations } from '../features/reports/hooks/useReports';
import { CoverageLayer } from '../map/CoverageLayer';
import { GapsLayer } from '../map/GapsLayer';
import { MapView } from '../map/MapView';
import { OutlinesLayer } from '../map/OutlinesLayer';
import { useOutlines } from '../map/outlines-data';
import { TileLayer } from '../map/TileLayer';

const communitiesModule = modules.find((m) => m.id === 'communities');

/** /reportes: the 3W export and the coverage report (map, gaps, overlaps) for the network's staff. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  const staff = user.roles.some((r) => r === 'admin' || r === 'coordinator' || r === 'fundraiser');
  return (
    <section className="page rp-page" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      {staff ? (
        <StaffReports
          isAdmin={user.roles.includes('admin')}
          warehouseReports={user.roles.some((r) => r === 'admin' || r === 'coordinator')}
          ownOrganization={user.organization}
          canOpenCommunity={!!communitiesModule && canSee(user.roles, communitiesModule)}
        />
      ) : (
        <p className="notice">{t('reports.staffOnly')}</p>
      )}
    </section>
  );
}

function StaffReports({
  isAdmin,
  warehouseReports,
  ownOrganization,
  canOpenCommunity,
}: {
  isAdmin: boolean;
  warehouseReports: boolean;
  ownOrganization: Organization;
  canOpenCommunity: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<CoverageFilterValues>(() => ({ ...defaultRange(), days: 30 }));
  const coverage = useCoverage(filters);
  const allOrganizations = useOrganizations(isAdmin);
  const config = usePublicConfig();
  const { departments, provinces } = useOutlines();
  const [selected, setSelected] = useState<string | null>(null);
  const tileUrl = config.data?.mapTileUrl ?? null;
  const report = coverage.data;

  // Only administrators may list every organisation; others filter by their own or one seen in the overlaps.
  const organizations = useMemo(() => {
    if (allOrganizations.data) return allOrganizations.data;
    const known = new Map<string, string>([[ownOrganization.id, ownOrganization.name]]);
    for (const o of report?.overlaps ?? []) for (const org of o.organizations) known.set(org.organizationId, org.organizationName);
    return [...known].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'es'));
  }, [allOrganizations.data, ownOrganization, report]);

  const day = (d: string) => formatDate(dayInstant(d), i18n.language);

  return (
    <>
      <ThreeWForm organizations={organizations} />
      <DocumentsPanel donorReport warehouseReports={warehouseReports} />
      <section className="rp-section" aria-labelledby="rp-coverage-title">
        <h2 id="rp-coverage-title">{t('reports.coverage.title')}</h2>
        <p className="muted">{t('reports.coverage.intro')}</p>
        <CoverageFilters value={filters} onApply={setFilters} pending={coverage.isFetching} />
        <div aria-live="polite" className="rp-coverage-status">
          {coverage.isPending ? (
            <p className="page-status" role="status">
              {t('reports.coverage.loading')}
            </p>
          ) : report ? (
            <p>
              {t('reports.coverage.period', { from: day(report.from), to: day(report.to), days: report.days })}{' '}
              {t('reports.coverage.summary', {
                districts: new Set(report.districts.map((d) => d.districtUbigeo)).size,
                gaps: report.gaps.length,
                overlaps: report.overlaps.length,
              })}
            </p>
          ) : null}
        </div>
        {coverage.isError && (
          <p className="alert" role="alert">
            {t('reports.coverage.failed')} {coverage.error.message}
          </p>
        )}
        <div className="rp-map">
          <MapView label={t('reports.coverage.mapRegion')}>
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
            <CoverageLayer from={filters.from} to={filters.to} days={filters.days} />
            <GapsLayer from={filters.from} to={filters.to} days={filters.days} />
          </MapView>
          <CoverageLegend />
        </div>
      </section>
      {report && (
        <>
          <GapsTable gaps={report.gaps} days={report.days} canOpenCommunity={canOpenCommunity} />
          <DistrictsTable rows={report.districts} />
          <OverlapsTable overlaps={report.overlaps} days={report.days} />
        </>
      )}
    </>
  );
}
