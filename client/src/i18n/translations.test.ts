import { describe, expect, it } from 'vitest';
import fi from './fi.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string, key: string) =>
  [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))]
    // A singular form may say "one" in words instead of {{count}} ("every month").
    .filter((name) => !(name === 'count' && key.endsWith('_one')))
    .sort();

describe('translations', () => {
  const finnish = flatten(fi as Tree);
  const english = flatten(en as Tree);

  it('Finnish and English have exactly the same keys', () => {
    const onlyFi = [...finnish.keys()].filter((k) => !english.has(k));
    const onlyEn = [...english.keys()].filter((k) => !finnish.has(k));
    expect({ onlyFi, onlyEn }).toEqual({ onlyFi: [], onlyEn: [] });
  });

  it('no text is empty', () => {
    const empty = [...finnish, ...english].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('each text uses the same placeholders in both languages', () => {
    const mismatched = [...finnish.keys()]
      .filter((k) => english.has(k))
      .filter((k) => JSON.stringify(placeholders(finnish.get(k) ?? '', k)) !== JSON.stringify(placeholders(english.get(k) ?? '', k)));
    expect(mismatched).toEqual([]);
  });

  it('the parity check notices a missing key', () => {
    const broken = flatten({ a: { b: 'x', c: 'y' } });
    const other = flatten({ a: { b: 'x' } });
    expect([...broken.keys()].filter((k) => !other.has(k))).toEqual(['a.c']);
  });
});
