/**
 * Request bodies carry only what the user filled in. An optional input left empty is left out, which the API reads as
 * "none": on PUT as well, since the API binds a field left out exactly as a null one, a field left out is cleared (and
 * the few with a default, such as an event's visibility, take it). A required input left empty is sent as null, so
 * the API's 400 names that field and the form shows the message beside it: the body's type (from openapi.yaml, where
 * a required field takes no null) says what a complete form sends, and `unfilled` is the one way around it.
 */

/** An optional text input: its trimmed text, or undefined (left out) when it is empty. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * What the user left empty where the schema demands a value: sent as null on purpose, so the API names the field in its
 * own words beside the input, rather than the form guessing at the message.
 */
export function unfilled<T>(): T {
  return null as unknown as T;
}

/** A required text input: its trimmed text, or null when it is empty (see `unfilled`). */
export function required(value: string): string {
  return optional(value) ?? unfilled<string>();
}

/** A required choice (a select, a picker, a date): the chosen value, or null when none is chosen (see `unfilled`). */
export function chosen<T extends string>(value: string | null | undefined): T {
  return value ? (value as T) : unfilled<T>();
}

/** An optional list: left out when it has no items. */
export function optionalList<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined;
}

/** An optional group of inputs (an address, a venue): left out when none of its fields is filled in. */
export function optionalGroup<T extends object>(group: T): T | undefined {
  const filled = compact(group);
  return Object.keys(filled).length > 0 ? filled : undefined;
}

/** The value without the fields that are undefined, at every depth: what is left is exactly what is sent. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => compact(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, field]) => field !== undefined)
        .map(([name, field]) => [name, compact(field)]),
    ) as T;
  }
  return value;
}
