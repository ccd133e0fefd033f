import { lazy, type ComponentType } from 'react';

/** A page component loaded on first use; the layout's Suspense shows a loading note meanwhile. */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
