import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '@app/format';
import type { CoverageGap, CoverageOverlap, CoverageRow } from '../api/reports-api';
import { byDistrict, COVERAGE_COLOURS, coverageClass, coverageRatio, mostNeedyFirst } from '../coverage';
import { dayInstant } from '../dates';
import { coverageClassLabel } from './classLabel';

/** Reach against needs per district (categories summed), where the coverage is worst first. */
export function DistrictsTable({ rows }: { rows: readonly CoverageRow[] }) {
  const { t, i18n } = useTranslation();
  const districts = useMemo(() => mostNeedyFirst(byDistrict(rows)), [rows]);
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section className="rp-section" aria-labelledby="rp-districts-title">
      <h2 id="rp-districts-title">{t('reports.districts.title')}</h2>
      {districts.length === 0 ? (
        <p>{t('reports.districts.empty')}</p>
      ) : (
        <div className="rp-table-wrap" tabIndex={0} role="group" aria-labelledby="rp-districts-title">
          <table className="rp-table" data-testid="coverage-districts">
            <thead>
              <tr>
                <th scope="col">{t('reports.districts.district')}</th>
                <th scope="col">{t('reports.districts.location')}</th>
                <th scope="col">{t('reports.districts.pcode')}</th>
                <th scope="col">{t('reports.districts.sectors')}</th>
                <th scope="col" className="num">
                  {t('reports.districts.kits')}
                </th>
                <th scope="col" className="num">
                  {t('reports.districts.reached')}
                </th>
                <th scope="col" className="num">
                  {t('reports.districts.openNeeds')}
                </th>
                <th scope="col" className="num">
                  {t('reports.districts.needHouseholds')}
                </th>
                <th scope="col" className="num">
                  {t('reports.districts.ratio')}
                </th>
                <th scope="col">{t('reports.districts.level')}</th>
              </tr>
            </thead>
            <tbody>
              {districts.map((d) => {
                const ratio = coverageRatio(d);
                const level = coverageClass(d);
                return (
                  <tr key={d.ubigeo}>
                    <th scope="row">{d.name}</th>
                    <td>
                      {d.provinceName}, {d.departmentName}
                    </td>
                    <td>{d.pcode}</td>
                    <td>{d.categories.map((c) => t(`reports.sectors.${c}`)).join(', ')}</td>
                    <td className="num">{n(d.kitsConfirmed)}</td>
                    <td className="num">{n(d.householdsReached)}</td>
                    <td className="num">{n(d.openNeeds)}</td>
                    <td className="num">{n(d.openNeedHouseholds)}</td>
                    <td className="num">
                      {ratio === null ? t('reports.districts.none') : formatNumber(ratio, i18n.language, { maximumFractionDigits: 1 })}
                    </td>
                    <td>
                      {level && (
                        <>
                          <span className="rp-dot" style={{ backgroundColor: COVERAGE_COLOURS[level] }} aria-hidden="true" />
                          {coverageClassLabel(t, level)}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Approved needs nobody is serving, most urgent first (the API's order). */
export function GapsTable({ gaps, days, canOpenCommunity }: { gaps: readonly CoverageGap[]; days: number; canOpenCommunity: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="rp-section" aria-labelledby="rp-gaps-title">
      <h2 id="rp-gaps-title">{t('reports.gaps.title')}</h2>
      <p className="muted">{t('reports.gaps.intro', { days })}</p>
      {gaps.length === 0 ? (
        <p>{t('reports.gaps.empty')}</p>
      ) : (
        <div className="rp-table-wrap" tabIndex={0} role="group" aria-labelledby="rp-gaps-title">
          <table className="rp-table" data-testid="coverage-gaps">
            <thead>
              <tr>
                <th scope="col">{t('reports.gaps.community')}</th>
                <th scope="col">{t('reports.gaps.district')}</th>
                <th scope="col" className="num">
                  {t('reports.gaps.urgency')}
                </th>
                <th scope="col" className="num">
                  {t('reports.gaps.households')}
                </th>
                <th scope="col">{t('reports.gaps.sectors')}</th>
                <th scope="col">{t('reports.gaps.approved')}</th>
                <th scope="col" className="num">
                  {t('reports.gaps.waiting')}
                </th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((g) => (
                <tr key={g.needRequestId}>
                  <th scope="row">
                    {canOpenCommunity ? <Link to={`/comunidades/${g.communityId}`}>{g.communityName}</Link> : g.communityName}
                  </th>
                  <td>
                    {g.districtName} ({g.districtPcode})
                  </td>
                  <td className="num">{g.urgency}</td>
                  <td className="num">{formatNumber(g.householdsAffected, i18n.language)}</td>
                  <td>{g.categories.map((c) => t(`reports.sectors.${c}`)).join(', ')}</td>
                  <td>{formatDate(g.approvedAt, i18n.language)}</td>
                  <td className="num">{t('reports.gaps.days', { count: g.daysUnserved })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Two or more organisations on the same community, sector and days. */
export function OverlapsTable({ overlaps, days }: { overlaps: readonly CoverageOverlap[]; days: number }) {
  const { t, i18n } = useTranslation();
  const day = (d: string) => formatDate(dayInstant(d), i18n.language);
  return (
    <section className="rp-section" aria-labelledby="rp-overlaps-title">
      <h2 id="rp-overlaps-title">{t('reports.overlaps.title')}</h2>
      <p className="muted">{t('reports.overlaps.intro', { days })}</p>
      {overlaps.length === 0 ? (
        <p>{t('reports.overlaps.empty')}</p>
      ) : (
        <div className="rp-table-wrap" tabIndex={0} role="group" aria-labelledby="rp-overlaps-title">
          <table className="rp-table" data-testid="coverage-overlaps">
            <thead>
              <tr>
                <th scope="col">{t('reports.overlaps.community')}</th>
                <th scope="col">{t('reports.overlaps.district')}</th>
                <th scope="col">{t('reports.overlaps.sector')}</th>
                <th scope="col">{t('reports.overlaps.organizations')}</th>
                <th scope="col" className="num">
                  {t('reports.overlaps.stops')}
                </th>
                <th scope="col">{t('reports.overlaps.dates')}</th>
              </tr>
            </thead>
            <tbody>
              {overlaps.map((o) => (
                <tr key={`${o.communityId}-${o.category}-${o.firstDate}`}>
                  <th scope="row">{o.communityName}</th>
                  <td>
                    {o.districtName} ({o.districtPcode})
                  </td>
                  <td>{t(`reports.sectors.${o.category}`)}</td>
                  <td>{o.organizations.map((org) => org.organizationName).join(', ')}</td>
                  <td className="num">{o.stopCount}</td>
                  <td>{t('reports.overlaps.dateRange', { first: day(o.firstDate), last: day(o.lastDate) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
