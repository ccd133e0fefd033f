/**
 * CSV downloads for people: the API's `excel-fi` dialect (`;` separator, Finnish headers and labels,
 * d.M.yyyy dates, decimal comma, UTF-8 with BOM) opens right in Excel set to Finnish. The API's default
 * (RFC 4180 with codes) is for machines. Passed as openapi-fetch's `querySerializer` of the request.
 */
export function excelFiQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  params.set('dialect', 'excel-fi');
  return params.toString();
}

/** Hands a downloaded file to the browser under the given name. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
