/** One field's limits as scripts/gen-limits.mjs writes them into limits.ts from openapi.yaml. */
export interface FieldLimit {
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly format?: string;
}

/** A request body's fields by API path, e.g. `limits.MemberInput`. */
export type BodyLimits = Readonly<Record<string, FieldLimit>>;

/** What an input takes from its field's limits: the mark and ARIA of a required field, the most it may hold, its bounds. */
export interface InputLimits {
  required?: true;
  maxLength?: number;
  min?: number;
  max?: number;
}

/** The input attributes of the field at an API path; a list item's (`parties.0.role`) are its list's (`parties[].role`). */
export function inputLimits(limits: BodyLimits | undefined, path: string): InputLimits {
  const limit = limits?.[path.replace(/\.\d+(?=\.|$)/g, '[]')];
  const attributes: InputLimits = {};
  if (limit?.required) attributes.required = true;
  if (limit?.maxLength !== undefined) attributes.maxLength = limit.maxLength;
  if (limit?.minimum !== undefined) attributes.min = limit.minimum;
  if (limit?.maximum !== undefined) attributes.max = limit.maximum;
  return attributes;
}
