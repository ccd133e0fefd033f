import { describe, expect, it } from 'vitest';
import { ApiError, errorsFor, normalizeFieldKey, toFieldErrors, unclaimedErrors } from './problem';

describe('problem details → form fields', () => {
  it('normalises the field names servers use', () => {
    expect(normalizeFieldKey('name')).toBe('name');
    expect(normalizeFieldKey('Name')).toBe('name');
    expect(normalizeFieldKey('Address.PostalCode')).toBe('address.postalCode');
    expect(normalizeFieldKey('$.membership.status')).toBe('membership.status');
    expect(normalizeFieldKey('Sectors[1]')).toBe('sectors.1');
    expect(normalizeFieldKey('businessId')).toBe('businessId');
  });

  it('merges messages that normalise to the same field', () => {
    expect(toFieldErrors({ Name: ['Too short.'], name: ['Required.'] })).toEqual({ name: ['Too short.', 'Required.'] });
    expect(toFieldErrors(null)).toEqual({});
  });

  it('gives a list field the errors of its items but not of other fields', () => {
    const errors = toFieldErrors({ 'sectors[2]': ['Unknown sector.'], 'address.city': ['Required.'], address: ['Incomplete.'] });
    expect(errorsFor(errors, 'sectors')).toEqual(['Unknown sector.']);
    expect(errorsFor(errors, 'address')).toEqual(['Incomplete.']);
    expect(errorsFor(errors, 'address.city')).toEqual(['Required.']);
  });

  it('reports errors that no field claims', () => {
    const errors = toFieldErrors({ name: ['x'], somethingElse: ['y'] });
    expect(unclaimedErrors(errors, ['name'])).toEqual(['y']);
  });

  it('ApiError exposes validation and 412 cases', () => {
    const validation = new ApiError(400, { status: 400, title: 'Validation', errors: { BusinessId: ['Invalid check digit.'] } });
    expect(validation.isValidation).toBe(true);
    expect(validation.fieldErrors).toEqual({ businessId: ['Invalid check digit.'] });
    const stale = new ApiError(412, { status: 412, title: 'Precondition Failed' });
    expect(stale.isPreconditionFailed).toBe(true);
    expect(stale.isValidation).toBe(false);
  });
});
