/**
 * RFC 9457 problem details as the API returns them, and their mapping onto form fields.
 * The server names fields by their JSON path (`name`, `address.postalCode`, `sectors[0]`);
 * FluentValidation may also send PascalCase paths (`Address.PostalCode`), so keys are normalised.
 */
export interface Problem {
  type?: string | null;
  title?: string | null;
  status?: number | string | null;
  detail?: string | null;
  instance?: string | null;
  errors?: Record<string, string[]> | null;
}

export type FieldErrors = Record<string, string[]>;

/** `Address.PostalCode` → `address.postalCode`, `Sectors[0]` → `sectors.0`, `$.name` → `name`. */
export function normalizeFieldKey(key: string): string {
  const trimmed = key.trim().replace(/^\$\.?/, '');
  return trimmed
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.charAt(0).toLowerCase() + segment.slice(1))
    .join('.');
}

export function toFieldErrors(errors: Record<string, string[]> | null | undefined): FieldErrors {
  const result: FieldErrors = {};
  if (!errors) return result;
  for (const [key, messages] of Object.entries(errors)) {
    const field = normalizeFieldKey(key);
    const list = Array.isArray(messages) ? messages : [String(messages)];
    result[field] = [...(result[field] ?? []), ...list];
  }
  return result;
}

/**
 * Errors for one field of a form. An error on `sectors.2` belongs to the `sectors` field,
 * and an error on `address` is shown on the address group.
 */
export function errorsFor(errors: FieldErrors, field: string): string[] {
  const out: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    if (key === field || (key.startsWith(`${field}.`) && /^\d+$/.test(key.slice(field.length + 1).split('.')[0] ?? ''))) {
      out.push(...messages);
    }
  }
  return out;
}

/** Field errors that no field of the form claims; shown in the form's summary instead. */
export function unclaimedErrors(errors: FieldErrors, fields: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, messages] of Object.entries(errors)) {
    const claimed = fields.some((f) => key === f || (key.startsWith(`${f}.`) && /^\d+$/.test(key.slice(f.length + 1).split('.')[0] ?? '')));
    if (!claimed) out.push(...messages);
  }
  return out;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('title' in value || 'status' in value || 'errors' in value);
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly fieldErrors: FieldErrors;

  constructor(status: number, problem: Problem | null, fallbackMessage?: string) {
    super(problem?.detail ?? problem?.title ?? fallbackMessage ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = toFieldErrors(problem?.errors);
  }

  get isValidation(): boolean {
    return this.status === 400 && Object.keys(this.fieldErrors).length > 0;
  }

  get isPreconditionFailed(): boolean {
    return this.status === 412;
  }
}

/** A request that never got an HTTP answer (offline, server down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}
