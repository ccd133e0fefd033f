import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n/format';
import { QueryList } from './QueryList';

/** One lifecycle move as a history list shows it (the feature maps its own rows onto this). */
export interface HistoryEntry {
  key: string | number;
  from: string;
  to: string;
  at: string;
  by?: string | null;
  note?: string | null;
}

/** A record's lifecycle history, newest last, under its own heading. */
export function HistoryList({
  headingId,
  query,
  entries,
  label,
}: {
  headingId: string;
  query: { isPending: boolean; isError: boolean; error: unknown };
  entries: readonly HistoryEntry[];
  /** The status or stage name in the UI language. */
  label: (status: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('history.title')}</h2>
      <QueryList query={query} count={entries.length} empty={<p>{t('history.none')}</p>}>
        {() => (
          <ol className="history">
            {entries.map((h) => (
              <li key={h.key}>
                <strong>
                  {label(h.from)} → {label(h.to)}
                </strong>{' '}
                <span className="muted">
                  {formatDateTime(h.at)}
                  {h.by ? `, ${h.by}` : ''}
                </span>
                {h.note ? <p className="history-note">{h.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </QueryList>
    </section>
  );
}
