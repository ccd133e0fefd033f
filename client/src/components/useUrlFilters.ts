import { useEffect, useState, type ChangeEvent } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the address, so a filtered list can be bookmarked and shared. The free-text
 * search (`q`) is typed into local state and written to the address once typing pauses.
 */
export function useUrlFilters<N extends string>(names: readonly N[], debounceMs = 300) {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');

  useEffect(() => {
    const handle = window.setTimeout(() => {
      const current = params.get('q') ?? '';
      if (search.trim() === current) return;
      const next = new URLSearchParams(params);
      if (search.trim()) next.set('q', search.trim());
      else next.delete('q');
      setParams(next, { replace: true });
    }, debounceMs);
    return () => window.clearTimeout(handle);
  }, [search, params, setParams, debounceMs]);

  const values: Partial<Record<N, string>> = {};
  for (const name of names) {
    const value = params.get(name);
    if (value) values[name] = value;
  }

  const setFilter = (name: N, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  /** How many filters other than the search are set (the phone's filter button shows it). */
  const activeCount = names.filter((n) => n !== 'q' && params.has(n)).length;

  return {
    values,
    search,
    setSearch,
    setFilter,
    /** A filter input's value and change handler (what is typed is trimmed). */
    filter: (name: N) => ({
      value: values[name] ?? '',
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setFilter(name, event.target.value.trim()),
    }),
    /** The search input's value and change handler. */
    searchField: { value: search, onChange: (event: ChangeEvent<HTMLInputElement>) => setSearch(event.target.value) },
    activeCount,
    hasFilters: names.some((n) => params.has(n)),
    clear: () => {
      setSearch('');
      setParams(new URLSearchParams(), { replace: true });
    },
  };
}
