/**
 * The API returns `ETag: "<version>"` on single resources and honours `If-Match` on writes.
 * When a response lacks the header (e.g. stripped by a proxy), the representation's `version`
 * yields the same strong validator.
 */
export function etagFromVersion(version: number | string): string {
  return `"${String(version)}"`;
}

export function ifMatchHeader(etag: string | null | undefined, version?: number | string): Record<string, string> {
  const value = etag ?? (version === undefined ? null : etagFromVersion(version));
  return value ? { 'If-Match': value } : {};
}
