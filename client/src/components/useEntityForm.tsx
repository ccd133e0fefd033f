import { useState, type ChangeEvent, type Dispatch, type FormEvent, type ReactNode, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { inputLimits, type BodyLimits, type InputLimits } from '../api/inputLimits';
import { ApiError, type FieldErrors } from '../api/problem';
import { ApiErrorMessage } from './ApiErrorMessage';
import { ConflictNotice } from './ConflictNotice';
import { ErrorSummary, type SummaryItem } from './ErrorSummary';
import { FormActions } from './FormActions';
import { fieldId } from './fields';
import { useServerFieldErrors, type ServerFieldErrors } from './useServerFieldErrors';

/** What a record's form takes from its page (the same for a new record and an edit). */
export interface EntityFormProps<V> {
  initial: V;
  submitLabel: string;
  busy: boolean;
  /** The last failed write, or null. */
  error: unknown;
  onSubmit: (values: V) => void;
  onCancel: () => void;
  /** Takes the newest version after a 412; without it the conflict notice is not offered. */
  onReload?: () => void;
}

type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;
type ItemOf<V, K extends keyof V> = V[K] extends readonly (infer I)[] ? I : never;
type InputChange = ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;
type Bound = { id: string; value: string; errors: string[] | undefined; onChange: (input: string | InputChange) => void } & InputLimits;
const valueOf = (input: string | InputChange) => (typeof input === 'string' ? input : input.target.value);

export interface EntityFormOptions<V> extends Pick<EntityFormProps<V>, 'error' | 'onSubmit'> {
  /** The form's name: an input's id is `${form}-${path}`, the required note's `${form}-required-note`. */
  form: string;
  initial: V | (() => V);
  /** The API field path a value is sent as, when the two differ (`results` → `evaluation.results`). */
  pathOf?: (key: keyof V & string) => string;
  /** See useServerFieldErrors: the value that edits a field, and a status read as field errors (a 409 duplicate). */
  sourceOf?: (field: string) => string | null;
  override?: (error: ApiError) => FieldErrors | null;
  /** The body's limits from openapi.yaml (`limits.MemberInput`): each bound input gets its required mark, maxLength, min and max. */
  limits?: BodyLimits;
}

export interface EntityForm<V> {
  form: string;
  values: V;
  setValues: Dispatch<SetStateAction<V>>;
  server: ServerFieldErrors;
  error: unknown;
  /** The write answered 412: someone else saved the record after this form loaded it. */
  isConflict: boolean;
  /** A failure that is neither a conflict nor field errors (network, 403, 500…): shown as one message. */
  isOther: boolean;
  /** The input id of an API field path. */
  id: (path: string) => string;
  /** Sets a value and clears its field's server error. */
  set: <K extends keyof V & string>(key: K, value: V[K]) => void;
  /** An input's id, value, errors and change handler for a text value (a picker's too: it hands over the value). */
  field: (key: KeysOf<V, string>, path?: string) => Bound;
  /** The same for a field of a list item (`parties.0.role`), with exactly that key's errors. */
  item: <K extends KeysOf<V, readonly unknown[]>>(list: K, index: number, key: keyof ItemOf<V, K> & string) => Bound;
  /** Changes one item of a list value (a party, a goal); clears the errors of the item's changed fields. */
  setItem: <K extends KeysOf<V, readonly unknown[]>>(list: K, index: number, patch: Partial<ItemOf<V, K>>) => void;
  addItem: <K extends KeysOf<V, readonly unknown[]>>(list: K, item: ItemOf<V, K>) => void;
  removeItem: (list: KeysOf<V, readonly unknown[]>, index: number) => void;
  submit: (event: FormEvent) => void;
}

/**
 * The scaffolding every record form shares: its values, the server's field errors (each cleared once its field is
 * edited), which failure to show (a 412 conflict, field errors, anything else) and the submit that sends the values.
 */
export function useEntityForm<V extends object>(options: EntityFormOptions<V>): EntityForm<V> {
  const { form, error, onSubmit, pathOf = (key) => key } = options;
  const [values, setValues] = useState<V>(options.initial);
  const server = useServerFieldErrors(error, { ...(options.sourceOf ? { sourceOf: options.sourceOf } : {}), ...(options.override ? { override: options.override } : {}) });
  const isConflict = error instanceof ApiError && error.isPreconditionFailed;
  const set = <K extends keyof V & string>(key: K, value: V[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    server.edited(pathOf(key));
  };
  const items = (v: V, list: keyof V) => v[list] as readonly unknown[];
  const setItem: EntityForm<V>['setItem'] = (list, index, patch) => {
    setValues((v) => ({ ...v, [list]: items(v, list).map((item, i) => (i === index ? { ...(item as object), ...patch } : item)) }));
    for (const key of Object.keys(patch)) server.edited(`${list}.${index}.${key}`);
  };
  return {
    form,
    values,
    setValues,
    server,
    error,
    isConflict,
    isOther: error != null && !isConflict && !server.any,
    id: (path) => fieldId(form, path),
    set,
    field: (key, path = pathOf(key)) => ({
      id: fieldId(form, path),
      value: values[key] as string,
      errors: server.errorsOf(path),
      onChange: (input) => set(key, valueOf(input) as V[typeof key]),
      ...inputLimits(options.limits, path),
    }),
    item: (list, index, key) => ({
      id: fieldId(form, `${list}.${index}.${key}`),
      value: String((items(values, list)[index] as Record<string, unknown> | undefined)?.[key] ?? ''),
      errors: server.errorsAt(`${list}.${index}.${key}`),
      onChange: (input) => setItem(list, index, { [key]: valueOf(input) } as Partial<ItemOf<V, typeof list>>),
      ...inputLimits(options.limits, `${list}.${index}.${key}`),
    }),
    setItem,
    addItem: (list, item) => setValues((v) => ({ ...v, [list]: [...items(v, list), item] })),
    removeItem: (list, index) => setValues((v) => ({ ...v, [list]: items(v, list).filter((_, i) => i !== index) })),
    submit: (event) => {
      event.preventDefault();
      onSubmit(values);
    },
  };
}

/** A form's notices, at its top: the conflict (with reload, when the page offers it), another failure, the error summary. */
export function FormNotices({ form, summary, onReload }: { form: Pick<EntityForm<unknown>, 'isConflict' | 'isOther' | 'error'>; summary: SummaryItem[]; onReload?: (() => void) | undefined }) {
  return (
    <>
      {form.isConflict && onReload ? <ConflictNotice onReload={onReload} /> : null}
      {form.isOther ? <ApiErrorMessage error={form.error} /> : null}
      <ErrorSummary items={summary} />
    </>
  );
}

/** A record's whole form: the notices, the note on required fields (which describes the form), the fields, save and cancel. */
export function EntityFormFrame<V>({
  form,
  summary,
  props,
  children,
}: {
  form: EntityForm<V>;
  summary: SummaryItem[];
  props: EntityFormProps<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const noteId = `${form.form}-required-note`;
  return (
    <form className="form" onSubmit={form.submit} noValidate aria-describedby={noteId}>
      <FormNotices form={form} summary={summary} onReload={props.onReload} />
      <p className="hint" id={noteId}>
        {t('form.requiredNote')}
      </p>
      {children}
      <FormActions busy={props.busy} submitLabel={props.submitLabel} onCancel={props.onCancel} />
    </form>
  );
}

/**
 * An edit form's way out of a 412: `onReload` drops the failed write, refetches the record and starts the form
 * again from the newest version; `generation` counts those restarts (part of the form's key).
 */
export function useConflictReload(update: { reset: () => void }, reload: () => Promise<unknown>) {
  const [generation, setGeneration] = useState(0);
  return {
    generation,
    onReload: () => {
      update.reset();
      void reload().then(() => setGeneration((g) => g + 1));
    },
  };
}
