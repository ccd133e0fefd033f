import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorsFor, unclaimedErrors, type FieldErrors } from '../api/problem';
import { fieldId } from './fields';

export interface SummaryItem {
  /** The id of the input to jump to, or null for an error not tied to one field. */
  targetId: string | null;
  label: string;
  messages: string[];
}

/** The summary items for a form: one per field with errors (linked to its input), then any error no field claims. */
export function summaryFor<F extends string>(
  form: string,
  fields: readonly F[],
  labels: Record<F, string>,
  errors: FieldErrors,
): SummaryItem[] {
  const items: SummaryItem[] = fields
    .map((field) => ({ targetId: fieldId(form, field), label: labels[field], messages: errorsFor(errors, field) }))
    .filter((item) => item.messages.length > 0);
  const loose = unclaimedErrors(errors, fields);
  if (loose.length > 0) items.push({ targetId: null, label: '', messages: loose });
  return items;
}

/**
 * The summary items for a form whose inputs are named by rule (`parties.0.role`): one per error key, labelled by
 * `labelFor`; a key it has no label for is listed without a link.
 */
export function summaryByLabel(form: string, errors: FieldErrors, labelFor: (key: string) => string): SummaryItem[] {
  return Object.entries(errors).map(([key, messages]) => {
    const label = labelFor(key);
    return { targetId: label ? fieldId(form, key) : null, label, messages };
  });
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
