import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrap, unwrapData } from '../../api/client';
import { SelectField, TextField } from '../../components/fields';
import { memberKeys } from './api';

/**
 * Chooses one member by searching the directory: a search box narrows a select. The chosen
 * member stays among the options while other searches run.
 */
export function MemberPicker({
  id,
  label,
  value,
  onChange,
  errors,
  required,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (memberId: string) => void;
  errors?: string[] | undefined;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [search, setSearch] = useState('');
  const q = search.trim();
  const results = useQuery({
    queryKey: [...memberKeys.all, 'picker', q],
    queryFn: ({ signal }) => unwrapData(api.GET('/api/v1/members', { params: { query: { ...(q ? { q } : {}), limit: 50 } }, signal })),
  });
  const selected = useQuery({
    queryKey: memberKeys.detail(value),
    enabled: value !== '',
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/members/{id}', { params: { path: { id: value } }, signal })),
  });
  const options = (results.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  const current = selected.data?.data;
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.name });

  return (
    <div className="member-picker">
      <TextField id={`${id}-search`} label={t('memberPicker.search', { field: label })} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      <SelectField
        id={id}
        label={label}
        required={required}
        value={value}
        emptyLabel={t('memberPicker.none')}
        options={options}
        errors={errors}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
