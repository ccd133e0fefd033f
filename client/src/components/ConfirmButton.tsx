import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A destructive action that asks once more, inline, before it runs. */
export function ConfirmButton({
  label,
  accessibleLabel,
  confirmLabel,
  question,
  onConfirm,
  busy,
}: {
  label: string;
  /** A fuller name for the first button when several sit on one page; must start with `label`. */
  accessibleLabel?: string;
  confirmLabel: string;
  question: string;
  onConfirm: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button-danger-outline" aria-label={accessibleLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button type="button" className="button button-danger" disabled={busy} onClick={onConfirm}>
        {confirmLabel}
      </button>
      <button type="button" className="button button-secondary" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
