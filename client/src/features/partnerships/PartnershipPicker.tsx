import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../app/services';
import { unwrapData } from '../../api/client';
import { SelectField } from '../../components/fields';

/** Chooses the partnership a pilot or an event belongs to (or none); open partnerships first, by title. */
export function PartnershipPicker({
  id,
  label,
  value,
  onChange,
  errors,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (partnershipId: string) => void;
  errors?: string[] | undefined;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const query = useQuery({
    queryKey: ['partnerships', 'list', 'picker'],
    queryFn: ({ signal }) => unwrapData(api.GET('/api/v1/partnerships', { params: { query: { limit: 200 } }, signal })),
  });
  const items = query.data?.items ?? [];
  const open = (s: string) => (s === 'ended' || s === 'cancelled' ? 1 : 0);
  const options = [...items]
    .sort((a, b) => open(a.status) - open(b.status) || a.title.localeCompare(b.title, 'fi'))
    .map((p) => ({ value: p.id, label: p.title }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: t('links.unknown') });
  return (
    <SelectField
      id={id}
      label={label}
      hint={t('links.partnershipHint')}
      value={value}
      emptyLabel={t('links.none')}
      options={options}
      errors={errors}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
