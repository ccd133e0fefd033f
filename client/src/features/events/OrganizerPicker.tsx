import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MemberLink } from '../members/MemberLink';
import { MemberPicker } from '../members/MemberPicker';

/** Several members as organisers: the chosen ones listed with a remove button, more added by search. */
export function OrganizerPicker({
  id,
  value,
  onChange,
  errors,
}: {
  id: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  errors?: string[] | undefined;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState('');
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <fieldset className={`field organizer-picker${invalid ? ' field-invalid' : ''}`} id={id} tabIndex={-1} aria-describedby={invalid ? `${id}-error` : undefined}>
      <legend>
        {t('events.fields.organizers')}
        <span className="required" aria-hidden="true">
          {' *'}
        </span>
      </legend>
      {invalid ? (
        <p className="field-error" id={`${id}-error`}>
          {errors?.join(' ')}
        </p>
      ) : null}
      {value.length === 0 ? (
        <p className="hint">{t('events.noOrganizers')}</p>
      ) : (
        <ul className="chosen-list">
          {value.map((memberId) => (
            <li key={memberId}>
              <span id={`${id}-${memberId}`}>
                <MemberLink id={memberId} />
              </span>
              <button
                type="button"
                className="button button-secondary button-small"
                aria-describedby={`${id}-${memberId}`}
                onClick={() => onChange(value.filter((v) => v !== memberId))}
              >
                {t('events.removeOrganizer')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="add-organizer">
        <MemberPicker id={`${id}-add`} label={t('events.addOrganizerMember')} value={choice} onChange={setChoice} />
        <button
          type="button"
          className="button button-secondary"
          disabled={choice === '' || value.includes(choice)}
          onClick={() => {
            onChange([...value, choice]);
            setChoice('');
          }}
        >
          {t('events.addOrganizer')}
        </button>
      </div>
    </fieldset>
  );
}
