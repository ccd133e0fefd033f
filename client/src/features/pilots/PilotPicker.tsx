import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import { SelectField } from '../../components/fields';

/** Chooses the pilot an event belongs to (or none); with a partnership chosen, only that partnership's pilots. */
export function PilotPicker({
  id,
  label,
  value,
  partnershipId,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  value: string;
  partnershipId: string;
  onChange: (pilotId: string) => void;
  errors?: string[] | undefined;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const query = useQuery({
    queryKey: ['pilots', 'list', 'picker', partnershipId],
    queryFn: ({ signal }) =>
      unwrapData(api.GET('/api/v1/pilots', { params: { query: { limit: 200, ...(partnershipId ? { partnership: partnershipId } : {}) } }, signal })),
  });
  const options = [...(query.data?.items ?? [])].sort((a, b) => a.title.localeCompare(b.title, 'fi')).map((p) => ({ value: p.id, label: p.title }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: t('links.unknown') });
  return (
    <SelectField
      id={id}
      label={label}
      hint={t('links.pilotHint')}
      value={value}
      emptyLabel={t('links.none')}
      options={options}
      errors={errors}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
