import { useTranslation } from 'react-i18next';
import { currentLanguage, resources } from './index';

type EnumGroup = keyof (typeof resources)['fi']['translation']['enums'];

/**
 * Labels for the API's enum values. An unknown value (one the API added after this build) is
 * shown as it is rather than hidden.
 */
export function useEnumLabel(): (group: EnumGroup, value: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const groups = resources[language].translation.enums as Record<EnumGroup, Record<string, string>>;
  return (group, value) => {
    if (!value) return '';
    return groups[group][value] ?? value;
  };
}

export function useEnumOptions(): (group: EnumGroup, values: readonly string[]) => { value: string; label: string }[] {
  const label = useEnumLabel();
  return (group, values) => values.map((value) => ({ value, label: label(group, value) }));
}
