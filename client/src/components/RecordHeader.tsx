import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from './ConfirmButton';
import { PageTitle } from './PageTitle';

/**
 * The top of a record's page: the way back to its list, the record's name as the page title (`heading` when it
 * shows more than the tab's title), and the actions this user may take on it.
 */
export function RecordHeader({
  list,
  backLabel,
  title,
  heading,
  children,
}: {
  /** The list's address. */
  list: string;
  backLabel: string;
  title: string;
  heading?: ReactNode;
  /** The page's actions (EditLink, DeleteButton, …); nothing when this user has none. */
  children?: ReactNode;
}) {
  return (
    <>
      <p className="breadcrumb">
        <Link to={list}>{backLabel}</Link>
      </p>
      <div className="page-header">
        <PageTitle title={title}>{heading ?? title}</PageTitle>
        {children ? <div className="page-actions">{children}</div> : null}
      </div>
    </>
  );
}

export function EditLink({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link className="button" to={to}>
      {t('common.edit')}
    </Link>
  );
}

/** Deletes the record once confirmed; then its list opens, saying it was deleted. */
export function DeleteButton<V>({
  mutation,
  variables,
  list,
  confirmLabel,
  question,
}: {
  mutation: { isPending: boolean; mutate: (variables: V, options: { onSuccess: () => void }) => void };
  variables: V;
  list: string;
  confirmLabel: string;
  question: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ConfirmButton
      label={t('common.delete')}
      confirmLabel={confirmLabel}
      question={question}
      busy={mutation.isPending}
      onConfirm={() => mutation.mutate(variables, { onSuccess: () => navigate(list, { state: { notice: 'deleted' } }) })}
    />
  );
}

/** The top of a list page: its title, and the button that adds a record for those who may. */
export function ListHeader({ title, create }: { title: string; create: { to: string; label: string } | false }) {
  return (
    <div className="page-header">
      <PageTitle title={title}>{title}</PageTitle>
      {create ? (
        <Link className="button" to={create.to}>
          {create.label}
        </Link>
      ) : null}
    </div>
  );
}
