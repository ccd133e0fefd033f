import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { formatDayLabel, formatTime, formatTimeRange } from '../../i18n/format';
import type { Day, Slot } from './week';

/**
 * A space's week: on a wide screen the days side by side (a week calendar), on a phone one under another (a day
 * list); each slot says free, booked or past, and a free slot is a button that opens the booking form when the
 * user may book. Nobody's name is ever shown.
 */
export function WeekCalendar({ days, canBook, onChoose }: { days: Day[]; canBook: boolean; onChoose: (slot: Slot) => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <ol className="week-grid">
      {days.map((day) => (
        <li key={day.day} className="week-day">
          <h3 className="week-day-title">{formatDayLabel(day.day, language)}</h3>
          {day.slots.length === 0 ? (
            <p className="muted">{t('spaces.closedDay')}</p>
          ) : (
            <ul className="slots">
              {day.slots.map((slot) => {
                const time = `${formatTime(slot.startsAt)}–${formatTime(slot.endsAt)}`;
                if (slot.state === 'free' && canBook) {
                  return (
                    <li key={slot.startsAt}>
                      <button
                        type="button"
                        className="slot slot-free"
                        aria-label={t('spaces.bookSlot', { when: formatTimeRange(slot.startsAt, slot.endsAt, language) })}
                        onClick={() => onChoose(slot)}
                      >
                        {time} <span className="slot-state">{t('spaces.free')}</span>
                      </button>
                    </li>
                  );
                }
                const state = slot.state === 'free' ? t('spaces.free') : slot.state === 'busy' ? t('spaces.busy') : t('spaces.past');
                return (
                  <li key={slot.startsAt} className={`slot slot-${slot.state}`}>
                    {time} <span className="slot-state">{state}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
