import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { auditEntityTypes, type AuditEntry } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { DataTable } from '../../components/DataTable';
import { LoadMore } from '../../components/LoadMore';
import { SelectField, TextField } from '../../components/fields';
import { useUrlFilters } from '../../components/useUrlFilters';
import { useEnumLabel, useEnumOptions } from '../../i18n/labels';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useAudit, type AuditFilters } from './api';
import { actorLabel } from './actorLabel';
import { QueryList } from '../../components/QueryList';

const filterNames = ['entityType', 'entityId'] as const;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a record of an audited type has its own page in this app. */
const pageOf: Partial<Record<string, (id: string) => string>> = {
  members: (id) => `/members/${id}`,
  partnerships: (id) => `/partnerships/${id}`,
  pilots: (id) => `/pilots/${id}`,
  events: (id) => `/events/${id}`,
  webhooks: (id) => `/admin/webhooks/${id}`,
};

function EntityCell({ entry }: { entry: AuditEntry }) {
  const to = entry.op !== 'delete' ? pageOf[entry.entityType]?.(entry.entityId) : undefined;
  const id = <span className="mono break-anywhere">{entry.entityId}</span>;
  return to ? <Link to={to}>{id}</Link> : id;
}

/** The audit trail (admin): every committed write, who made it and when, filtered by record type and id. */
export function AuditPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const options = useEnumOptions();
  const { values, filter, hasFilters, clear } = useUrlFilters(filterNames);
  const idValid = !values.entityId || uuid.test(values.entityId);
  const filters: AuditFilters = {
    ...(values.entityType ? { entityType: values.entityType } : {}),
    ...(values.entityId && idValid ? { entityId: values.entityId } : {}),
  };
  const query = useAudit(filters);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <p className="lead">{t('audit.intro')}</p>
      <form className="filters" role="search" aria-label={t('audit.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="audit-entityType"
          label={t('audit.fields.entityType')}
          emptyLabel={t('form.all')}
          options={options('collection', auditEntityTypes)}
          {...filter('entityType')}
        />
        <TextField
          id="audit-entityId"
          label={t('audit.fields.entityId')}
          hint={t('audit.entityIdHint')}
          autoComplete="off"
          spellCheck={false}
          errors={idValid ? undefined : [t('audit.badId')]}
          {...filter('entityId')}
        />
        {hasFilters ? (
          <div className="filters-actions">
            <button type="button" className="button button-secondary" onClick={clear}>
              {t('form.clearFilters')}
            </button>
          </div>
        ) : null}
      </form>

      <QueryList query={query} count={rows.length} empty={<p role="status">{t('audit.none')}</p>}>
        {() => (
          <>
            <p className="muted" role="status">
              {query.hasNextPage ? t('audit.countMore', { shown: formatNumber(rows.length) }) : t('audit.count', { count: rows.length, shown: formatNumber(rows.length) })}
            </p>
            <DataTable
              caption={t('audit.title')}
              rows={rows}
              rowKey={(a) => a.id}
              columns={[
                { header: t('audit.fields.at'), cell: (a) => formatDateTime(a.at) },
                { header: t('audit.fields.actor'), cell: (a) => actorLabel(a, t) },
                { header: t('audit.fields.op'), cell: (a) => label('auditOp', a.op) },
                { header: t('audit.fields.entityType'), cell: (a) => label('collection', a.entityType) },
                { header: t('audit.fields.entityId'), cell: (a) => <EntityCell entry={a} /> },
                { header: t('audit.fields.version'), cell: (a) => formatNumber(a.version) },
              ]}
            />
            <LoadMore query={query} />
          </>
        )}
      </QueryList>
    </>
  );
}
