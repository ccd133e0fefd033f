import { useTranslation } from 'react-i18next';
import { chosen, compact, optional, required } from '../../api/body';
import type { Partnership } from '../../api/types';
import { TextAreaField, TextField, fieldId } from '../../components/fields';
import type { SummaryItem } from '../../components/ErrorSummary';
import { FormNotices, useEntityForm } from '../../components/useEntityForm';
import { useCreateReview } from './api';
import { FormActions } from '../../components/FormActions';
import { limits } from '../../api/limits';

const today = () => new Date().toISOString().slice(0, 10);

/** A periodic review: a summary, progress per goal (0–100 %) and next steps. */
export function ReviewForm({ partnership, onSaved, onCancel }: { partnership: Partnership; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateReview(partnership.id);
  const form = useEntityForm({
    limits: limits.PartnershipReviewInput,
    form: 'review',
    initial: () => ({
      reviewedOn: today(),
      summary: '',
      nextSteps: '',
      progress: Object.fromEntries(partnership.goals.map((g) => [g.id, { progress: '', comment: '' }])) as Record<string, { progress: string; comment: string }>,
    }),
    error: create.error,
    onSubmit: ({ reviewedOn, summary, nextSteps, progress }) =>
      create.mutate(
        compact({
          reviewedOn: chosen(reviewedOn),
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
      ),
  });
  const { field, server } = form;
  const progress = form.values.progress;
  const at = server.errorsAt;
  const setProgress = (goalId: string, patch: Partial<{ progress: string; comment: string }>, path: string) => {
    form.setValues((v) => ({ ...v, progress: { ...v.progress, [goalId]: { progress: '', comment: '', ...v.progress[goalId], ...patch } } }));
    server.edited(path);
  };
  const goalIndex = (goalId: string) => partnership.goals.filter((g) => progress[g.id]?.progress !== '').findIndex((g) => g.id === goalId);
  const items: SummaryItem[] = Object.entries(server.all).map(([key, messages]) => ({
    targetId: null,
    label: key.replace(/^goalProgress\.(\d+)\..*/, (_, n: string) => t('reviews.goalN', { n: Number(n) + 1 })),
    messages,
  }));

  return (
    <form className="form panel" onSubmit={form.submit} noValidate aria-labelledby="review-form-title">
      <h3 id="review-form-title">{t('reviews.formTitle')}</h3>
      <FormNotices form={form} summary={items} />
      <TextField label={t('reviews.reviewedOn')} type="date" required {...field('reviewedOn')} />
      <TextAreaField label={t('reviews.summary')} required rows={4} {...field('summary')} />
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
                  onChange={(e) => setProgress(goal.id, { progress: e.target.value }, `goalProgress.${index}.progress`)}
                />
                <TextField
                  id={fieldId('review', `goal-${goal.id}-comment`)}
                  label={t('reviews.commentFor', { goal: goal.title })}
                  value={progress[goal.id]?.comment ?? ''}
                  errors={index >= 0 ? at(`goalProgress.${index}.comment`) : undefined}
                  onChange={(e) => setProgress(goal.id, { comment: e.target.value }, `goalProgress.${index}.comment`)}
                />
              </div>
            );
          })}
        </fieldset>
      ) : null}
      <TextAreaField label={t('reviews.nextSteps')} rows={3} {...field('nextSteps')} />
      <FormActions busy={create.isPending} submitLabel={t('reviews.save')} onCancel={onCancel} />
    </form>
  );
}
