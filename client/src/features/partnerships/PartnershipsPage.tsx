import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { isStaff } from '../../auth/permissions';
import { partnershipStatuses, serviceAreas } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { useLocationNotice } from '../../components/useLocationNotice';
import { SelectField, TextField } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { DataTable } from '../../components/DataTable';
import { LoadMore } from '../../components/LoadMore';
import { MunicipalityField } from '../../components/MunicipalityField';
import { useEnumLabel, useEnumOptions } from '../../i18n/labels';
import { formatDate, formatNumber } from '../../i18n/format';
import { municipalityName } from '../../domain/municipalities';
import { useUrlFilters } from '../../components/useUrlFilters';
import { useExportPartnerships, usePartnerships, type PartnershipFilters } from './api';
import { QueryList } from '../../components/QueryList';

const filterNames = ['q', 'status', 'serviceArea', 'municipality', 'reviewDue'] as const;

export function PartnershipsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const label = useEnumLabel();
  const options = useEnumOptions();
  const notice = useLocationNotice();
  const { values, filter, searchField, setFilter, hasFilters } = useUrlFilters(filterNames);
  const { reviewDue, ...rest } = values;
  const filters: PartnershipFilters = { ...rest, ...(reviewDue === 'true' ? { reviewDue: true } : {}) };

  const query = usePartnerships(filters);
  const exportCsv = useExportPartnerships();
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <div className="page-header">
        <PageTitle title={t('partnerships.title')}>{t('partnerships.title')}</PageTitle>
        <div className="page-actions">
          <button type="button" className="button button-secondary" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(filters)}>
            {t('partnerships.exportCsv')}
          </button>
          {isStaff(user) ? (
            <Link className="button" to="/partnerships/new">
              {t('partnerships.create')}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="lead">{t('partnerships.intro')}</p>
      {notice === 'deleted' ? <Alert tone="success">{t('partnerships.deleted')}</Alert> : null}
      {exportCsv.error ? <ApiErrorMessage error={exportCsv.error} /> : null}

      <form className="filters" role="search" aria-label={t('partnerships.filters')} onSubmit={(e) => e.preventDefault()}>
        <TextField id="partnerships-q" label={t('partnerships.search')} type="search" {...searchField} />
        <SelectField
          id="partnerships-status"
          label={t('partnerships.fields.status')}
          emptyLabel={t('form.all')}
          options={options('partnershipStatus', partnershipStatuses)}
          {...filter('status')}
        />
        <SelectField
          id="partnerships-serviceArea"
          label={t('partnerships.fields.serviceArea')}
          emptyLabel={t('form.all')}
          options={options('serviceArea', serviceAreas)}
          {...filter('serviceArea')}
        />
        <MunicipalityField
          id="partnerships-municipality"
          label={t('partnerships.fields.municipalityCode')}
          maxLength={3}
          list="partnerships-municipality-codes"
          {...filter('municipality')}
        />
        <div className="checkbox filters-check">
          <input
            type="checkbox"
            id="partnerships-reviewDue"
            checked={filters.reviewDue === true}
            onChange={(e) => setFilter('reviewDue', e.target.checked ? 'true' : '')}
          />
          <label htmlFor="partnerships-reviewDue">{t('partnerships.reviewDueOnly')}</label>
        </div>
      </form>

      <QueryList query={query} count={rows.length} empty={<p role="status">{hasFilters ? t('partnerships.noMatches') : t('partnerships.empty')}</p>}>
        {() => (
          <>
            <p className="muted" role="status">
              {t('partnerships.count', { count: rows.length, shown: formatNumber(rows.length) })}
            </p>
            <DataTable
              caption={t('partnerships.title')}
              rows={rows}
              rowKey={(p) => p.id}
              columns={[
                { header: t('partnerships.fields.title'), cell: (p) => <Link to={`/partnerships/${p.id}`}>{p.title}</Link> },
                { header: t('partnerships.fields.municipalityCode'), cell: (p) => municipalityName(p.municipalityCode) },
                { header: t('partnerships.fields.serviceArea'), cell: (p) => label('serviceArea', p.serviceArea) },
                {
                  header: t('partnerships.fields.status'),
                  cell: (p) => <span className={`badge badge-${p.status}`}>{label('partnershipStatus', p.status)}</span>,
                },
                { header: t('partnerships.fields.nextReviewDue'), cell: (p) => (p.nextReviewDue ? formatDate(p.nextReviewDue) : '–') },
              ]}
            />
            <LoadMore query={query} />
          </>
        )}
      </QueryList>
    </>
  );
}
