import { useTranslation } from 'react-i18next';

/**
 * A form's footer: the submit button (disabled and saying so while busy: "Tallennetaan…" unless the form has its own
 * word for it) and, when the form can be left, cancel.
 */
export function FormActions({ busy, submitLabel, busyLabel, onCancel }: { busy: boolean; submitLabel: string; busyLabel?: string; onCancel?: (() => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      <button type="submit" className="button" disabled={busy}>
        {busy ? (busyLabel ?? t('form.saving')) : submitLabel}
      </button>
      {onCancel ? (
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      ) : null}
    </div>
  );
}
