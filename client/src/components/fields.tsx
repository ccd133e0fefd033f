import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** The id an input gets for a form field path: `address.postalCode` → `member-address-postalCode`. */
export function fieldId(form: string, field: string): string {
  return `${form}-${field.replace(/\./g, '-')}`;
}

interface ShellProps {
  id: string;
  label: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
  required?: boolean | undefined;
  className?: string | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

function FieldShell({ id, label, hint, errors, required, className, children }: ShellProps) {
  const invalid = (errors?.length ?? 0) > 0;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p className="field-error" id={errorId}>
          {errors?.join(' ')}
        </p>
      ) : null}
      {children(describedBy, invalid)}
    </div>
  );
}

type BaseProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
  className?: string | undefined;
};

export type TextFieldProps = BaseProps & InputHTMLAttributes<HTMLInputElement>;

export function TextField({ id, label, hint, errors, className, required, ...input }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required} className={className}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
          {...input}
        />
      )}
    </FieldShell>
  );
}

export function TextAreaField({ id, label, hint, errors, className, required, ...input }: BaseProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required} className={className}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          name={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
          {...input}
        />
      )}
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  id,
  label,
  hint,
  errors,
  className,
  required,
  options,
  emptyLabel,
  ...select
}: BaseProps & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly Option[]; emptyLabel?: string }) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required} className={className}>
      {(describedBy, invalid) => (
        <select
          id={id}
          name={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          aria-required={required || undefined}
          {...select}
        >
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A set of checkboxes as one field (e.g. sectors); the fieldset's legend is its label. */
export function CheckboxGroup({
  id,
  legend,
  hint,
  errors,
  options,
  value,
  onChange,
  required,
}: {
  id: string;
  legend: string;
  hint?: string;
  errors?: string[] | undefined;
  options: readonly Option[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  required?: boolean;
}) {
  const invalid = (errors?.length ?? 0) > 0;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field checkbox-group${invalid ? ' field-invalid' : ''}`} id={id} aria-describedby={describedBy} tabIndex={-1}>
      <legend>
        {legend}
        {required ? (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p className="field-error" id={errorId}>
          {errors?.join(' ')}
        </p>
      ) : null}
      <div className="checkbox-options">
        {options.map((o) => {
          const optionId = `${id}-${o.value}`;
          const checked = value.includes(o.value);
          return (
            <div className="checkbox" key={o.value}>
              <input
                type="checkbox"
                id={optionId}
                checked={checked}
                onChange={() => onChange(checked ? value.filter((v) => v !== o.value) : [...value, o.value])}
              />
              <label htmlFor={optionId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
