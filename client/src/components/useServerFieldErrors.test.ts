import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { ApiError } from '../api/problem';
import { useServerFieldErrors } from './useServerFieldErrors';

const invalid = (errors: Record<string, string[]>) => new ApiError(400, { status: 400, title: 'Virheellinen pyyntö', errors });

describe('useServerFieldErrors', () => {
  it('drops a field error once that field is edited and keeps the others', () => {
    const error = invalid({ Name: ['Nimi on pakollinen.'], 'Address.PostalCode': ['Postinumero on viisi numeroa.'] });
    const { result } = renderHook(() => useServerFieldErrors(error));
    expect(result.current.errorsOf('name')).toEqual(['Nimi on pakollinen.']);
    act(() => result.current.edited('name'));
    expect(result.current.errorsOf('name')).toBeUndefined();
    expect(result.current.errorsOf('address.postalCode')).toEqual(['Postinumero on viisi numeroa.']);
    // The summary still lists every error of the answer.
    expect(Object.keys(result.current.all)).toEqual(['name', 'address.postalCode']);
  });

  it('brings every error back with a new answer', () => {
    let error: unknown = invalid({ name: ['Nimi on pakollinen.'] });
    const { result, rerender } = renderHook(() => useServerFieldErrors(error));
    act(() => result.current.edited('name'));
    expect(result.current.errorsOf('name')).toBeUndefined();
    error = invalid({ name: ['Nimi on liian pitkä.'] });
    rerender();
    expect(result.current.errorsOf('name')).toEqual(['Nimi on liian pitkä.']);
  });

  it('maps a field to the value that edits it, and a status to field errors of its own', () => {
    const error = new ApiError(409, { status: 409, title: 'Conflict' });
    const { result } = renderHook(() =>
      useServerFieldErrors(error, {
        sourceOf: (field) => (field === 'address.city' ? 'city' : field),
        override: (e) => (e.status === 409 ? { businessId: ['Y-tunnus on jo käytössä.'] } : null),
      }),
    );
    expect(result.current.any).toBe(true);
    expect(result.current.errorsOf('businessId')).toEqual(['Y-tunnus on jo käytössä.']);
    act(() => result.current.edited('businessId'));
    expect(result.current.errorsOf('businessId')).toBeUndefined();
  });

  it('has no field errors for anything but a problem with errors', () => {
    const { result } = renderHook(() => useServerFieldErrors(new Error('offline')));
    expect(result.current.any).toBe(false);
    expect(result.current.errorsOf('name')).toBeUndefined();
  });
});
