import { describe, expect, it } from 'vitest';
import { excelFiQuery } from './csv';

describe('CSV downloads', () => {
  it('ask for the Finnish Excel dialect, keeping the filters that are set', () => {
    expect(excelFiQuery({})).toBe('dialect=excel-fi');
    expect(excelFiQuery({ status: 'active', q: 'nuoret ja työ', municipality: '', reviewDue: true, serviceArea: undefined })).toBe(
      'status=active&q=nuoret+ja+ty%C3%B6&reviewDue=true&dialect=excel-fi',
    );
  });
});
