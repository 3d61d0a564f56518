import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCommunities, useDepartments } from '../hooks/useCommunities';
import { UrgencyBadge } from './UrgencyBadge';

const PAGE_SIZE = 25;

/** Searchable, filterable list of the communities Minka works with. */
export function CommunityList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [department, setDepartment] = useState('');
  const [page, setPage] = useState(1);
  const departments = useDepartments();
  const query = { q: q.trim().length >= 2 ? q.trim() : undefined, department: department || undefined, page, pageSize: PAGE_SIZE };
  const list = useCommunities(query);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <div className="communities">
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="community-q">{t('communities.search')}</label>
          <input
            id="community-q"
            type="search"
            value={q}
            placeholder={t('communities.searchPlaceholder')}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="community-dep">{t('communities.department')}</label>
          <select
            id="community-dep"
            value={department}
            onChange={(e) => {
              setDepartment(e.target.value);
              setPage(1);
            }}
          >
            <option value="">{t('communities.allDepartments')}</option>
            {departments.data?.map((d) => (
              <option key={d.ubigeo} value={d.ubigeo}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.isError && (
        <p className="alert" role="alert">
          {t('communities.loadFailed')}
        </p>
      )}
      <p className="muted" role="status">
        {list.data ? t('communities.count', { count: list.data.total }) : t('app.loading')}
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('communities.name')}</th>
              <th scope="col">{t('communities.location')}</th>
              <th scope="col">{t('communities.households')}</th>
              <th scope="col">{t('communities.openNeeds')}</th>
              <th scope="col">{t('communities.highestUrgency')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/comunidades/${c.id}`}>{c.name}</Link>
                </td>
                <td>{[c.districtName, c.provinceName, c.departmentName].filter(Boolean).join(', ')}</td>
                <td>{c.households ?? '—'}</td>
                <td>{c.openNeeds}</td>
                <td>
                  <UrgencyBadge urgency={c.maxOpenUrgency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t('communities.pages')}>
        <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('communities.previous')}
        </button>
        <span>{t('communities.pageOf', { page, pages })}</span>
        <button type="button" className="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('communities.next')}
        </button>
      </nav>
    </div>
  );
}
