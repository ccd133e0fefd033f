import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the input to jump to, or null for an error not tied to one field. */
  targetId: string | null;
  label: string;
  messages: string[];
}

/** Lists a form's errors at its top, with links to the fields; takes focus when it appears. */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const signature = JSON.stringify(items);
  // Refocus only when the set of errors changes, not on every render.
  useEffect(() => {
    if (signature !== '[]') ref.current?.focus();
  }, [signature]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <p className="alert-title" id="error-summary-title">
        {t('form.errorSummary')}
      </p>
      <ul>
        {items.map((item, index) => (
          <li key={`${item.targetId ?? 'form'}-${index}`}>
            {item.targetId ? (
              <a
                href={`#${item.targetId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.targetId ?? '')?.focus();
                }}
              >
                {item.label}: {item.messages.join(' ')}
              </a>
            ) : (
              <span>{item.messages.join(' ')}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
