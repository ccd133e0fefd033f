import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';

/**
 * A one-time message handed over in navigation state ("created", "saved", "deleted"). It is taken
 * once and cleared from the history entry, so a reload or a later visit does not show it again;
 * it stays while the user remains on the same page.
 */
export function useLocationNotice(): string | null {
  const location = useLocation();
  const navigate = useNavigate();
  const raw = (location.state as { notice?: unknown } | null)?.notice;
  const incoming = typeof raw === 'string' ? raw : null;
  const [notice, setNotice] = useState<string | null>(incoming);
  const [path, setPath] = useState(location.pathname);
  if (location.pathname !== path) {
    setPath(location.pathname);
    setNotice(incoming);
  } else if (incoming !== null && incoming !== notice) {
    setNotice(incoming);
  }
  useEffect(() => {
    if (incoming !== null) {
      void navigate(`${location.pathname}${location.search}${location.hash}`, { replace: true, state: null });
    }
  }, [incoming, location.pathname, location.search, location.hash, navigate]);
  return notice;
}
