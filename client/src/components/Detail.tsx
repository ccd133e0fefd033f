import type { ReactNode } from 'react';

/** One entry of a record's details (inside `<dl className="details">`): what it is, and its value. */
export function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
