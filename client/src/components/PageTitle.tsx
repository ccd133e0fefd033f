import { useEffect, type ReactNode } from 'react';

/** The page's h1. It takes focus after client-side navigation (see Layout) and names the tab. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  useEffect(() => {
    document.title = `${title} – CommunityHub`;
  }, [title]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
