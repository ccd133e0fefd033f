import { describe, expect, it } from 'vitest';
import { chosen, compact, optional, optionalGroup, optionalList, required } from './body';

describe('request bodies', () => {
  it('leaves an empty optional input out and trims a filled one', () => {
    expect(optional('   ')).toBeUndefined();
    expect(optional('  Ähtäri ')).toBe('Ähtäri');
  });

  it('sends an empty required input as null, so the API names the field', () => {
    expect(required('')).toBeNull();
    expect(required(' Åland ')).toBe('Åland');
    expect(chosen('')).toBeNull();
    expect(chosen(null)).toBeNull();
    expect(chosen('association')).toBe('association');
  });

  it('leaves out empty lists and groups with nothing filled in', () => {
    expect(optionalList([])).toBeUndefined();
    expect(optionalList(['fi'])).toEqual(['fi']);
    expect(optionalGroup({ street: undefined, city: undefined })).toBeUndefined();
    expect(optionalGroup({ street: undefined, city: 'Oulu' })).toStrictEqual({ city: 'Oulu' });
  });

  it('drops undefined fields at every depth but keeps null, false and zero', () => {
    const body = compact({ a: undefined, b: null, c: 0, d: false, e: { f: undefined, g: 'x' }, h: [{ i: undefined, j: 1 }] });
    expect(body).toStrictEqual({ b: null, c: 0, d: false, e: { g: 'x' }, h: [{ j: 1 }] });
    expect(Object.keys(body)).not.toContain('a');
  });
});
