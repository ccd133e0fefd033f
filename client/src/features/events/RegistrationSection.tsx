import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { compact, optional, required } from '../../api/body';
import type { CommunityEvent } from '../../api/types';
import { TextAreaField, TextField, fieldId } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../i18n/format';
import { useRegister } from './api';
import { newIdempotencyKey } from './registrations';
import { registrationState, seatsLeft } from './status';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { FormActions } from '../../components/FormActions';
import { inputLimits } from '../../api/inputLimits';
import { limits } from '../../api/limits';

const fields = ['name', 'email', 'notes'] as const;

/**
 * Registration without an account: the form, then "check your email". The answer never says whether the address was
 * registered already (nobody learns who attends); the result and the personal link to cancel or give feedback go to
 * the address by mail, in the language of this page.
 */
export function RegistrationSection({ event }: { event: CommunityEvent }) {
  const { t, i18n } = useTranslation();
  const register = useRegister(event.id);
  const [values, setValues] = useState({ name: '', email: '', notes: '' });
  const [showForm, setShowForm] = useState(true);
  const [sentTo, setSentTo] = useState<string | null>(null);
  // One key per submission: resending after a lost answer cannot register twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const state = registrationState(event);
  const left = seatsLeft(event);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSentTo(null);
    const language = i18n.language.startsWith('en') ? ('en' as const) : ('fi' as const);
    const body = compact({ name: required(values.name), email: required(values.email), notes: optional(values.notes), language });
    register.mutate(
      { body, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: () => {
          setSentTo(values.email.trim());
          setValues({ name: '', email: '', notes: '' });
          idempotencyKey.current = newIdempotencyKey();
          setShowForm(false);
        },
        onError: (error) => {
          // The server answered, so nothing was stored under this key: the next try is a new submission.
          // Only a request that got no answer is retried with the same key.
          if (error instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
        },
      },
    );
  }

  const server = useServerFieldErrors(register.error);
  const fieldErrors = server.all;
  const errorsOf = (field: (typeof fields)[number]) => server.errorsOf(field);
  const change = (patch: Partial<typeof values>) => {
    setValues({ ...values, ...patch });
    for (const key of Object.keys(patch)) server.edited(key);
  };
  const duplicate = register.error instanceof ApiError && register.error.status === 409;

  return (
    <section className="section" aria-labelledby="registration-title">
      <h2 id="registration-title">{t('registration.title')}</h2>
      <p>
        {left === null
          ? t('registration.unlimited', { count: event.confirmedCount })
          : t('registration.seats', { capacity: event.capacity ?? 0, taken: event.confirmedCount, left })}
        {event.waitlistCount > 0 ? ` ${t('registration.queue', { count: event.waitlistCount })}` : ''}
      </p>

      {sentTo ? (
        <Alert tone="success" title={t('registration.checkEmailTitle')}>
          {t('registration.checkEmail', { email: sentTo })}
        </Alert>
      ) : null}

      {state !== 'open' ? (
        <p className="notice">
          {state === 'notYetOpen'
            ? t('registration.notYetOpen', { when: formatDateTime(event.registrationOpensAt) })
            : t(`registration.state.${state}`)}
        </p>
      ) : showForm ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby="registration-form-title">
          <h3 id="registration-form-title">{sentTo ? t('registration.another') : t('registration.formTitle')}</h3>
          {left === 0 ? <p className="notice">{t('registration.full')}</p> : null}
          {duplicate ? <Alert tone="warning">{t('registration.duplicate')}</Alert> : null}
          {register.error && !duplicate && Object.keys(fieldErrors).length === 0 ? <ApiErrorMessage error={register.error} /> : null}
          <div className="row">
            <TextField
              id={fieldId('registration', 'name')}
              {...inputLimits(limits.RegistrationInput, 'name')}
              label={t('registration.name')}
              required
              autoComplete="name"
              value={values.name}
              errors={errorsOf('name')}
              onChange={(e) => change({ name: e.target.value })}
            />
            <TextField
              id={fieldId('registration', 'email')}
              {...inputLimits(limits.RegistrationInput, 'email')}
              label={t('registration.email')}
              hint={t('registration.emailHint')}
              type="email"
              required
              autoComplete="email"
              value={values.email}
              errors={errorsOf('email')}
              onChange={(e) => change({ email: e.target.value })}
            />
          </div>
          <TextAreaField
            id={fieldId('registration', 'notes')}
            {...inputLimits(limits.RegistrationInput, 'notes')}
            label={t('registration.notes')}
            hint={t('registration.notesHint')}
            rows={3}
            value={values.notes}
            errors={errorsOf('notes')}
            onChange={(e) => change({ notes: e.target.value })}
          />
          <FormActions busy={register.isPending} busyLabel={t('registration.sending')} submitLabel={left === 0 ? t('registration.submitQueue') : t('registration.submit')} />
        </form>
      ) : (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setShowForm(true)}>
            {t('registration.another')}
          </button>
        </p>
      )}
    </section>
  );
}
