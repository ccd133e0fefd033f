import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import { compact, optional, required } from '../../api/body';
import { feedTypes, type ApiKey, type ApiKeyCreated, type ApiKeyScope } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { CheckboxGroup, TextField, fieldId } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Alert } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { MunicipalityField } from '../../components/MunicipalityField';
import { formatDateTime } from '../../i18n/format';
import { useEnumLabel } from '../../i18n/labels';
import { SecretOnce } from '../../components/SecretOnce';
import { municipalityName } from '../../domain/municipalities';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { QueryTable } from '../../components/QueryList';
import { FormActions } from '../../components/FormActions';
import { inputLimits } from '../../api/inputLimits';
import { limits } from '../../api/limits';

/** The read scopes a machine key can hold, one per public collection (`members:read` → the collection `members`). */
// Bookings are read with the spaces' scope.
export const apiKeyScopes = feedTypes.filter((type) => type !== 'bookings').map((type) => `${type}:read` as const);
const scopeCollection = (scope: string) => scope.replace(/:read$/, '');

const keys = ['api-keys'] as const;

function useApiKeys() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: keys,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      unwrapData(api.GET('/api/v1/api-keys', { params: { query: { limit: 200, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useApiKeys();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['partnerships:read', 'events:read']);
  const [municipality, setMunicipality] = useState('');
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      unwrapData(api.POST('/api/v1/api-keys', { body: compact({ name: required(name), scopes: scopes as ApiKeyScope[], municipalityCode: optional(municipality) }) })),
    onSuccess: (result) => {
      setCreated(result);
      setName('');
      setMunicipality('');
      void queryClient.invalidateQueries({ queryKey: keys });
    },
  });
  const revoke = useMutation({
    mutationFn: (key: ApiKey) => unwrapData(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: key.id } } })),
    onSuccess: (_, key) => {
      setRevoked(key.name);
      void queryClient.invalidateQueries({ queryKey: keys });
    },
  });
  const server = useServerFieldErrors(create.error);
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setRevoked(null);
    create.mutate();
  }

  return (
    <>
      <PageTitle title={t('apiKeys.title')}>{t('apiKeys.title')}</PageTitle>
      <p className="lead">{t('apiKeys.intro')}</p>
      {created ? (
        <SecretOnce
          id="new-api-key"
          title={t('apiKeys.createdTitle', { name: created.name })}
          explanation={t('apiKeys.shownOnce')}
          label={t('apiKeys.secret')}
          secret={created.key}
          copyLabel={t('apiKeys.copy')}
          onClose={() => setCreated(null)}
        />
      ) : null}
      {revoked ? <Alert tone="success">{t('apiKeys.revoked', { name: revoked })}</Alert> : null}
      {revoke.error ? <ApiErrorMessage error={revoke.error} /> : null}

      <form className="form panel" onSubmit={submit} noValidate aria-labelledby="api-key-form-title">
        <h2 id="api-key-form-title">{t('apiKeys.create')}</h2>
        {create.error && !server.any ? <ApiErrorMessage error={create.error} /> : null}
        <TextField
          id={fieldId('api-key', 'name')}
          {...inputLimits(limits.ApiKeyInput, 'name')}
          label={t('apiKeys.name')}
          hint={t('apiKeys.nameHint')}
          required
          value={name}
          errors={server.errorsOf('name')}
          onChange={(e) => {
            setName(e.target.value);
            server.edited('name');
          }}
        />
        <CheckboxGroup
          id={fieldId('api-key', 'scopes')}
          legend={t('apiKeys.scopes')}
          hint={t('apiKeys.scopesHint')}
          required
          options={apiKeyScopes.map((s) => ({ value: s, label: label('collection', scopeCollection(s)) }))}
          value={scopes}
          errors={server.errorsOf('scopes')}
          onChange={(next) => {
            setScopes(next);
            server.edited('scopes');
          }}
        />
        <MunicipalityField
          id={fieldId('api-key', 'municipalityCode')}
          label={t('apiKeys.municipality')}
          hint={t('apiKeys.municipalityHint')}
          list="api-key-municipality-codes"
          value={municipality}
          errors={server.errorsOf('municipalityCode')}
          onChange={(e) => {
            setMunicipality(e.target.value);
            server.edited('municipalityCode');
          }}
        />
        <FormActions busy={create.isPending} submitLabel={t('apiKeys.create')} />
      </form>

      <h2>{t('apiKeys.listTitle')}</h2>
      <QueryTable
        query={query}
        empty={<p>{t('apiKeys.none')}</p>}
        caption={t('apiKeys.listTitle')}
        rows={rows}
        rowKey={(k) => k.id}
        columns={[
          { header: t('apiKeys.name'), cell: (k) => k.name },
          { header: t('apiKeys.scopes'), cell: (k) => k.scopes.map((s) => label('collection', scopeCollection(s))).join(', ') },
          {
            header: t('apiKeys.municipality'),
            cell: (k) => (k.municipalityCode ? municipalityName(k.municipalityCode) : t('apiKeys.allMunicipalities')),
          },
          { header: t('apiKeys.createdAt'), cell: (k) => formatDateTime(k.createdAt) },
          { header: t('apiKeys.lastUsed'), cell: (k) => formatDateTime(k.lastUsedAt) || t('apiKeys.never') },
        ]}
        rowActions={(k) =>
          k.revokedAt ? (
            <span className="badge badge-cancelled">{t('apiKeys.revokedOn', { date: formatDateTime(k.revokedAt) })}</span>
          ) : (
            <ConfirmButton
              label={t('apiKeys.revoke')}
              accessibleLabel={t('apiKeys.revokeNamed', { name: k.name })}
              confirmLabel={t('apiKeys.confirmRevoke')}
              question={t('apiKeys.revokeQuestion', { name: k.name })}
              busy={revoke.isPending}
              onConfirm={() => revoke.mutate(k)}
            />
          )
        }
      />
      <LoadMore query={query} />
    </>
  );
}
