import { useState } from 'react';
import { ApiError, errorsFor, type FieldErrors } from '../api/problem';

export interface ServerFieldErrors {
  /** Every field error of the last answer (the form's summary lists these). */
  all: FieldErrors;
  /** Whether the last answer carried field errors at all. */
  any: boolean;
  /** A field's messages (with those of its items, `sectors.2`), or undefined once that field has been edited since the answer. */
  errorsOf: (field: string) => string[] | undefined;
  /** The messages for exactly this key (`parties.0.role`), or undefined once it has been edited. */
  errorsAt: (key: string) => string[] | undefined;
  /** Marks a value as edited, so its field's error disappears. */
  edited: (source: string) => void;
}

/**
 * A form's server field errors (problem+json `errors`, keys normalised to the form's field names).
 * A field's error disappears once that field is edited; a new answer brings all its errors back.
 * `sourceOf` names the form value that edits a field when the two names differ (`address.city` → `city`).
 * `override` turns a status into field errors of its own (a 409 that can only mean a duplicate).
 */
export function useServerFieldErrors(
  error: unknown,
  options: { sourceOf?: (field: string) => string | null; override?: (error: ApiError) => FieldErrors | null } = {},
): ServerFieldErrors {
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [lastError, setLastError] = useState<unknown>(error);
  if (error !== lastError) {
    setLastError(error);
    setEdited(new Set());
  }
  const all: FieldErrors = error instanceof ApiError ? (options.override?.(error) ?? error.fieldErrors) : {};
  const { sourceOf } = options;
  return {
    all,
    any: Object.keys(all).length > 0,
    errorsOf: (field) => {
      const source = sourceOf ? sourceOf(field) : field;
      if (source !== null && edited.has(source)) return undefined;
      const list = errorsFor(all, field);
      return list.length > 0 ? list : undefined;
    },
    errorsAt: (key) => {
      const source = sourceOf ? sourceOf(key) : key;
      if (source !== null && edited.has(source)) return undefined;
      return all[key];
    },
    edited: (source) => {
      if (!edited.has(source)) setEdited((e) => new Set(e).add(source));
    },
  };
}
