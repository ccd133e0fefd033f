import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { canCreateMembers } from '../../auth/permissions';
import { memberKinds, membershipStatuses, sectors } from '../../api/types';
import { useLocationNotice } from '../../components/useLocationNotice';
import { SelectField, TextField } from '../../components/fields';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { LoadMore } from '../../components/LoadMore';
import { useEnumLabel, useEnumOptions } from '../../i18n/labels';
import { formatNumber } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { MunicipalityField } from '../../components/MunicipalityField';
import { useUrlFilters } from '../../components/useUrlFilters';
import { useMembers } from './api';
import { QueryList } from '../../components/QueryList';
import { ListHeader } from '../../components/RecordHeader';

const filterNames = ['q', 'kind', 'sector', 'municipality', 'status'] as const;

/** The member directory: open to everyone (the API hides personal data from anonymous callers). */
export function MembersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const options = useEnumOptions();
  const { values: filters, filter, searchField, hasFilters, clear, activeCount } = useUrlFilters(filterNames);
  // On a phone the filters other than the search fold behind a button (CSS shows it only there).
  const [filtersOpen, setFiltersOpen] = useState(false);
  const notice = useLocationNotice();

  const query = useMembers(filters);
  const members = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <ListHeader title={t('members.title')} create={canCreateMembers(user) && { to: '/members/new', label: t('members.create') }} />
      <p className="lead">{user ? t('members.introSignedIn') : t('members.introPublic')}</p>
      {notice === 'deleted' ? <Alert tone="success">{t('members.deleted')}</Alert> : null}

      <form className="filters" role="search" aria-label={t('members.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextField id="members-q" label={t('members.search')} type="search" {...searchField} />
        <div className="filters-toggle">
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={filtersOpen}
            aria-controls="members-more-filters"
            onClick={() => setFiltersOpen((o) => !o)}
          >
            {activeCount > 0 ? t('form.moreFiltersActive', { count: activeCount }) : t('form.moreFilters')}
          </button>
        </div>
        <div id="members-more-filters" className={`filters-more${filtersOpen ? ' open' : ''}`}>
          <SelectField id="members-kind" label={t('members.fields.kind')} emptyLabel={t('form.all')} options={options('kind', memberKinds)} {...filter('kind')} />
          <SelectField id="members-sector" label={t('members.fields.sector')} emptyLabel={t('form.all')} options={options('sector', sectors)} {...filter('sector')} />
          <MunicipalityField
            id="members-municipality"
            label={t('members.fields.municipalityCode')}
            maxLength={3}
            list="members-municipality-codes"
            {...filter('municipality')}
          />
          <SelectField
            id="members-status"
            label={t('members.fields.membershipStatus')}
            emptyLabel={t('form.all')}
            options={options('membershipStatus', membershipStatuses)}
            {...filter('status')}
          />
        </div>
        {hasFilters ? (
          <div className="filters-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={clear}
            >
              {t('form.clearFilters')}
            </button>
          </div>
        ) : null}
      </form>

      <QueryList query={query} count={members.length} empty={<p role="status">{hasFilters ? t('members.noMatches') : t('members.empty')}</p>}>
        {() => (
          <>
            <p className="muted" role="status">
              {query.hasNextPage
                ? t('members.countMore', { count: members.length, shown: formatNumber(members.length) })
                : t('members.count', { count: members.length, shown: formatNumber(members.length) })}
            </p>
            <DataTable
              caption={t('members.title')}
              rows={members}
              rowKey={(m) => m.id}
              columns={[
                { header: t('members.fields.name'), cell: (m) => <Link to={`/members/${m.id}`}>{m.name}</Link> },
                { header: t('members.fields.kind'), cell: (m) => label('kind', m.kind) },
                { header: t('members.fields.municipalityCode'), cell: (m) => municipalityName(m.municipalityCode) },
                { header: t('members.fields.sectors'), cell: (m) => (m.sectors ?? []).map((s) => label('sector', s)).join(', ') },
                {
                  header: t('members.fields.membershipStatus'),
                  cell: (m) => (
                    <span className={`badge badge-${m.membership?.status ?? 'unknown'}`}>{label('membershipStatus', m.membership?.status)}</span>
                  ),
                },
              ]}
            />
            <LoadMore query={query} />
          </>
        )}
      </QueryList>
    </>
  );
}
