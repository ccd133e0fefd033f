import { useTranslation } from 'react-i18next';

/** A form's footer: the submit button (saying it is saving while busy) and cancel. */
export function FormActions({ busy, submitLabel, onCancel }: { busy: boolean; submitLabel: string; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={busy}>
        {busy ? t('form.saving') : submitLabel}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
