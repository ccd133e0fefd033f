import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows once (a new API key, a webhook's signing secret), with a copy button:
 * the server keeps only a hash or an encrypted copy, so this is the only chance to take it.
 */
export function SecretOnce({
  id,
  title,
  explanation,
  label,
  secret,
  copyLabel,
  onClose,
}: {
  id: string;
  title: string;
  explanation: string;
  label: string;
  secret: string;
  copyLabel: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  return (
    <div className="alert alert-warning secret" role="alert">
      <p className="alert-title">{title}</p>
      <p>{explanation}</p>
      <p>
        <label htmlFor={id}>{label}</label>
        <input id={id} className="secret-value" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
      </p>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            navigator.clipboard
              .writeText(secret)
              .then(() => setCopied('yes'))
              .catch(() => setCopied('no'));
          }}
        >
          {copyLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('apiKeys.done')}
        </button>
      </div>
      <p role="status">{copied === 'yes' ? t('secret.copied') : copied === 'no' ? t('secret.copyFailed') : ''}</p>
    </div>
  );
}
