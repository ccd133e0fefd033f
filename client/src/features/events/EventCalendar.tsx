import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CommunityEvent } from '../../api/types';
import { currentLanguage } from '../../i18n';
import { useEnumLabel } from '../../i18n/labels';
import { formatDayLabel, formatMonth, formatTime, weekdayNames } from '../../i18n/format';
import { dayKey, instant, monthGrid, type Month } from './time';

/**
 * A month as a table, Monday first; each day lists its events by Helsinki start time. On a phone the
 * table folds into a list of the days that have events (see the stylesheet).
 */
export function EventCalendar({ month, events, today }: { month: Month; events: readonly CommunityEvent[]; today: string }) {
  const { i18n } = useTranslation();
  const label = useEnumLabel();
  const language = currentLanguage(i18n);
  const byDay = new Map<string, CommunityEvent[]>();
  for (const event of events) {
    const start = instant(event.startsAt);
    if (!start) continue;
    const key = dayKey(start);
    byDay.set(key, [...(byDay.get(key) ?? []), event]);
  }
  const prefix = `${month.year}-${String(month.month).padStart(2, '0')}`;
  return (
    <table className="calendar">
      <caption>{formatMonth(month.year, month.month, language)}</caption>
      <thead>
        <tr>
          {weekdayNames(language).map((d) => (
            <th scope="col" key={d.long}>
              <abbr title={d.long}>{d.short}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {monthGrid(month).map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const inMonth = day.startsWith(prefix);
              const dayEvents = byDay.get(day) ?? [];
              const classes = ['calendar-day', inMonth ? '' : 'other-month', dayEvents.length > 0 ? 'has-events' : '', day === today ? 'today' : '']
                .filter(Boolean)
                .join(' ');
              return (
                <td key={day} className={classes} aria-current={day === today ? 'date' : undefined}>
                  <span className="day-number" aria-hidden="true">
                    {Number(day.slice(8))}
                  </span>
                  <span className="day-label">{formatDayLabel(day, language)}</span>
                  {dayEvents.length > 0 ? (
                    <ul>
                      {dayEvents.map((e) => (
                        <li key={e.id} className={`calendar-event status-${e.status}`}>
                          <Link to={`/events/${e.id}`}>
                            <span className="event-time">{formatTime(e.startsAt)}</span> {e.title}
                            {e.status !== 'published' ? <span className="event-status"> ({label('eventStatus', e.status)})</span> : null}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
