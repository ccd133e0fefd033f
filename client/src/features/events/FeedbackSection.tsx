import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { chosen, compact, optional, unfilled } from '../../api/body';
import type { CommunityEvent } from '../../api/types';
import { TextAreaField, fieldId } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { Alert } from '../../components/Alert';
import { useSubmitFeedback } from './api';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { FormActions } from '../../components/FormActions';
import { inputLimits } from '../../api/inputLimits';
import { limits } from '../../api/limits';

const ratings = [1, 2, 3, 4, 5] as const;

/**
 * Participants' feedback once the event has started: a rating 1–5 and a comment, no account needed. The API takes it
 * only with a registration's token (from the mailed link), once per registration; without one, the section says where
 * feedback is given.
 */
export function FeedbackSection({ event, token = null }: { event: CommunityEvent; token?: string | null }) {
  const { t } = useTranslation();
  const submit = useSubmitFeedback(event.id);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const server = useServerFieldErrors(submit.error);
  const errors = server.all;
  const ratingErrors = server.errorsOf('rating') ?? [];
  const commentErrors = server.errorsOf('comment') ?? [];
  const already = submit.error instanceof ApiError && submit.error.status === 409;

  function send(e: FormEvent) {
    e.preventDefault();
    submit.mutate(compact({ rating: rating ?? unfilled<number>(), comment: optional(comment), cancelToken: chosen(token) }));
  }

  return (
    <section className="section" aria-labelledby="feedback-title">
      <h2 id="feedback-title">{t('feedback.title')}</h2>
      {token === null ? (
        <p>{t('feedback.participantsOnly')}</p>
      ) : submit.isSuccess ? (
        <Alert tone="success">{t('feedback.thanks')}</Alert>
      ) : (
        <form className="form" onSubmit={send} noValidate aria-labelledby="feedback-title">
          <p>{t('feedback.intro')}</p>
          {already ? <Alert tone="info">{t('feedback.already')}</Alert> : null}
          {submit.error && !already && Object.keys(errors).length === 0 ? <ApiErrorMessage error={submit.error} /> : null}
          <fieldset
            className={`field rating${ratingErrors.length > 0 ? ' field-invalid' : ''}`}
            id={fieldId('feedback', 'rating')}
            tabIndex={-1}
            aria-describedby={ratingErrors.length > 0 ? 'feedback-rating-error' : undefined}
          >
            <legend>
              {t('feedback.rating')}
              <span className="required" aria-hidden="true">
                {' *'}
              </span>
            </legend>
            {ratingErrors.length > 0 ? (
              <p className="field-error" id="feedback-rating-error">
                {ratingErrors.join(' ')}
              </p>
            ) : null}
            <div className="rating-options">
              {ratings.map((value) => (
                <div className="radio" key={value}>
                  <input
                    type="radio"
                    id={`feedback-rating-${value}`}
                    name="feedback-rating"
                    value={value}
                    checked={rating === value}
                    onChange={() => {
                      setRating(value);
                      server.edited('rating');
                    }}
                  />
                  <label htmlFor={`feedback-rating-${value}`}>{t(`feedback.ratings.${value}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextAreaField
            id={fieldId('feedback', 'comment')}
            {...inputLimits(limits.FeedbackInput, 'comment')}
            label={t('feedback.comment')}
            rows={4}
            value={comment}
            errors={commentErrors.length > 0 ? commentErrors : undefined}
            onChange={(e) => {
              setComment(e.target.value);
              server.edited('comment');
            }}
          />
          <FormActions busy={submit.isPending} busyLabel={t('registration.sending')} submitLabel={t('feedback.submit')} />
        </form>
      )}
    </section>
  );
}
