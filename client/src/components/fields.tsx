import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** The id an input gets for a form field path: `address.postalCode` → `member-address-postalCode`. */
export function fieldId(form: string, field: string): string {
  return `${form}-${field.replace(/\./g, '-')}`;
}

/** What the shell gives its control: the id and name, and the ARIA that ties it to its hint and error. */
interface ControlProps {
  id: string;
  name: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
  'aria-required': true | undefined;
}

interface ShellProps {
  id: string;
  label: string;
  hint?: string | undefined;
  errors?: string[] | undefined;
  required?: boolean | undefined;
  className?: string | undefined;
}

/** The ids of a field's hint and error, and the aria-describedby naming those it shows. */
function describe(id: string, hint: string | undefined, invalid: boolean) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = invalid ? `${id}-error` : undefined;
  return { hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

/** A field's label (a legend for a group) with the required mark, then its hint and its errors. */
function FieldHead({ id, group, label, hint, errors, required }: ShellProps & { group?: boolean }) {
  const { hintId, errorId } = describe(id, hint, (errors?.length ?? 0) > 0);
  const title = (
    <>
      {label}
      {required ? (
        <span className="required" aria-hidden="true">
          {' *'}
        </span>
      ) : null}
    </>
  );
  return (
    <>
      {group ? <legend>{title}</legend> : <label htmlFor={id}>{title}</label>}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p className="field-error" id={errorId}>
          {errors?.join(' ')}
        </p>
      ) : null}
    </>
  );
}

function FieldShell({ id, label, hint, errors, required, className, children }: ShellProps & { children: (control: ControlProps) => ReactNode }) {
  const invalid = (errors?.length ?? 0) > 0;
  const { describedBy } = describe(id, hint, invalid);
  const control: ControlProps = { id, name: id, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined, 'aria-required': required || undefined };
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <FieldHead id={id} label={label} hint={hint} errors={errors} required={required} />
      {children(control)}
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
      {(control) => <input {...control} {...input} />}
    </FieldShell>
  );
}

export function TextAreaField({ id, label, hint, errors, className, required, ...input }: BaseProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} required={required} className={className}>
      {(control) => <textarea {...control} {...input} />}
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
      {(control) => (
        <select {...control} {...select}>
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
  const { describedBy } = describe(id, hint, invalid);
  return (
    <fieldset className={`field checkbox-group${invalid ? ' field-invalid' : ''}`} id={id} aria-describedby={describedBy} tabIndex={-1}>
      <FieldHead id={id} group label={legend} hint={hint} errors={errors} required={required} />
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

/**
 * A list of sub-forms as one field (a partnership's parties, a pilot's metrics): each item in its own fieldset
 * with a remove button, then the add button. The group's id takes the list's own errors' focus from the summary.
 */
export function RepeatedGroup<T extends { key: string }>({
  id,
  legend,
  hint,
  errors,
  items,
  itemLegend,
  removeLabel,
  addLabel,
  onRemove,
  onAdd,
  children,
}: {
  id: string;
  legend: string;
  hint?: string;
  errors?: string[] | undefined;
  items: readonly T[];
  /** Each item's legend and remove label, from its number (1, 2, …). */
  itemLegend: (n: number) => string;
  removeLabel: (n: number) => string;
  addLabel: string;
  onRemove: (index: number) => void;
  onAdd: () => void;
  children: (item: T, index: number) => ReactNode;
}) {
  return (
    <fieldset className="group" id={id} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {errors ? <p className="field-error">{errors.join(' ')}</p> : null}
      {items.map((item, index) => (
        <fieldset className="subgroup" key={item.key}>
          <legend>{itemLegend(index + 1)}</legend>
          {children(item, index)}
          <button type="button" className="button button-secondary button-small" onClick={() => onRemove(index)}>
            {removeLabel(index + 1)}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button button-secondary" onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}
