import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compact, optional, required } from '../../api/body';
import type { Partnership } from '../../api/types';
import { TextAreaField, TextField, fieldId } from '../../components/fields';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { useCreateReview } from './api';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { FormActions } from '../../components/FormActions';

const today = () => new Date().toISOString().slice(0, 10);

/** A periodic review: a summary, progress per goal (0–100 %) and next steps. */
export function ReviewForm({ partnership, onSaved, onCancel }: { partnership: Partnership; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateReview(partnership.id);
  const [reviewedOn, setReviewedOn] = useState(today);
  const [summary, setSummary] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [progress, setProgress] = useState<Record<string, { progress: string; comment: string }>>(() =>
    Object.fromEntries(partnership.goals.map((g) => [g.id, { progress: '', comment: '' }])),
  );
  const server = useServerFieldErrors(create.error);
  const errors = server.all;
  const at = server.errorsAt;
  const goalIndex = (goalId: string) => partnership.goals.filter((g) => progress[g.id]?.progress !== '').findIndex((g) => g.id === goalId);
  const items: SummaryItem[] = Object.entries(errors).map(([key, messages]) => ({ targetId: null, label: key, messages }));

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      compact({
        reviewedOn: reviewedOn || null,
        summary: required(summary),
        nextSteps: optional(nextSteps),
        goalProgress: partnership.goals
          .filter((g) => progress[g.id]?.progress !== '')
          .map((g) => ({
            goalId: g.id,
            progress: Number(progress[g.id]?.progress ?? 0),
            comment: optional(progress[g.id]?.comment ?? ''),
          })),
      }),
      { onSuccess: onSaved },
    );
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="review-form-title">
      <h3 id="review-form-title">{t('reviews.formTitle')}</h3>
      {create.error && Object.keys(errors).length === 0 ? <ApiErrorMessage error={create.error} /> : null}
      <ErrorSummary items={items.map((i) => ({ ...i, label: i.label.replace(/^goalProgress\.(\d+)\..*/, (_, n: string) => t('reviews.goalN', { n: Number(n) + 1 })) }))} />
      <TextField
        id={fieldId('review', 'reviewedOn')}
        label={t('reviews.reviewedOn')}
        type="date"
        required
        value={reviewedOn}
        errors={at('reviewedOn')}
        onChange={(e) => {
          setReviewedOn(e.target.value);
          server.edited('reviewedOn');
        }}
      />
      <TextAreaField
        id={fieldId('review', 'summary')}
        label={t('reviews.summary')}
        required
        rows={4}
        value={summary}
        errors={at('summary')}
        onChange={(e) => {
          setSummary(e.target.value);
          server.edited('summary');
        }}
      />
      {partnership.goals.length > 0 ? (
        <fieldset className="group">
          <legend>{t('reviews.goalProgress')}</legend>
          <p className="hint">{t('reviews.progressHint')}</p>
          {partnership.goals.map((goal) => {
            const index = goalIndex(goal.id);
            return (
              <div className="row" key={goal.id}>
                <TextField
                  id={fieldId('review', `goal-${goal.id}-progress`)}
                  label={t('reviews.progressFor', { goal: goal.title })}
                  type="number"
                  min={0}
                  max={100}
                  inputMode="numeric"
                  value={progress[goal.id]?.progress ?? ''}
                  errors={index >= 0 ? at(`goalProgress.${index}.progress`) : undefined}
                  onChange={(e) => {
                    setProgress({ ...progress, [goal.id]: { progress: e.target.value, comment: progress[goal.id]?.comment ?? '' } });
                    server.edited(`goalProgress.${index}.progress`);
                  }}
                />
                <TextField
                  id={fieldId('review', `goal-${goal.id}-comment`)}
                  label={t('reviews.commentFor', { goal: goal.title })}
                  value={progress[goal.id]?.comment ?? ''}
                  errors={index >= 0 ? at(`goalProgress.${index}.comment`) : undefined}
                  onChange={(e) => {
                    setProgress({ ...progress, [goal.id]: { progress: progress[goal.id]?.progress ?? '', comment: e.target.value } });
                    server.edited(`goalProgress.${index}.comment`);
                  }}
                />
              </div>
            );
          })}
        </fieldset>
      ) : null}
      <TextAreaField
        id={fieldId('review', 'nextSteps')}
        label={t('reviews.nextSteps')}
        rows={3}
        value={nextSteps}
        errors={at('nextSteps')}
        onChange={(e) => {
          setNextSteps(e.target.value);
          server.edited('nextSteps');
        }}
      />
      <FormActions busy={create.isPending} submitLabel={t('reviews.save')} onCancel={onCancel} />
    </form>
  );
}
