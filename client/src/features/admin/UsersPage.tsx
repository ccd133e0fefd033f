import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import type { User } from '../../api/types';
import { PageTitle } from '../../components/PageTitle';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Alert } from '../../components/Alert';
import { LoadMore } from '../../components/LoadMore';
import { useEnumLabel } from '../../i18n/labels';
import { formatDateTime } from '../../i18n/format';
import { useCreateUser, useDeleteUser, useUpdateUser, useUsers } from './api';
import { formToUserBody, UserForm } from './UserForm';
import { MemberLink } from '../members/MemberLink';
import { QueryTable } from '../../components/QueryList';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const label = useEnumLabel();
  const query = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const users = query.data?.pages.flatMap((p) => p.items) ?? [];

  const close = () => {
    create.reset();
    update.reset();
    setEditing(null);
  };

  return (
    <>
      <div className="page-header">
        <PageTitle title={t('users.title')}>{t('users.title')}</PageTitle>
        {editing === null ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
          >
            {t('users.create')}
          </button>
        ) : null}
      </div>
      <p className="lead">{t('users.intro')}</p>
      {notice ? <Alert tone="success">{notice}</Alert> : null}

      {editing === 'new' ? (
        <UserForm
          user={null}
          busy={create.isPending}
          error={create.error}
          onCancel={close}
          onSubmit={(values) =>
            create.mutate(formToUserBody(values), {
              onSuccess: (created) => {
                close();
                setNotice(t('users.created', { email: created.email }));
              },
            })
          }
        />
      ) : editing ? (
        <UserForm
          key={editing.id}
          user={editing}
          busy={update.isPending}
          error={update.error}
          onCancel={close}
          onSubmit={(values) => {
            update.mutate(
              { user: editing, body: formToUserBody(values) },
              {
                onSuccess: (saved) => {
                  close();
                  setNotice(t('users.saved', { email: saved.email }));
                },
              },
            );
          }}
        />
      ) : null}

      {remove.error ? <ApiErrorMessage error={remove.error} /> : null}
      <QueryTable
        query={query}
        caption={t('users.title')}
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { header: t('users.fields.displayName'), cell: (u) => u.displayName },
          { header: t('users.fields.email'), cell: (u) => u.email },
          { header: t('users.fields.role'), cell: (u) => label('role', u.role) },
          { header: t('users.fields.member'), cell: (u) => (u.memberId ? <MemberLink id={u.memberId} /> : '–') },
          { header: t('common.updatedAt'), cell: (u) => formatDateTime(u.updatedAt) },
        ]}
        rowActions={(u) => (
          <div className="row-actions">
            <button
              type="button"
              className="button button-secondary"
              aria-label={t('users.editTitle', { name: u.displayName })}
              onClick={() => {
                setNotice(null);
                update.reset();
                setEditing(u);
              }}
            >
              {t('common.edit')}
            </button>
            {me?.id !== u.id ? (
              <ConfirmButton
                label={t('common.delete')}
                accessibleLabel={t('users.deleteTitle', { name: u.displayName })}
                confirmLabel={t('users.confirmDelete')}
                question={t('users.deleteQuestion', { name: u.displayName })}
                busy={remove.isPending}
                onConfirm={() => remove.mutate(u, { onSuccess: () => setNotice(t('users.deleted', { email: u.email })) })}
              />
            ) : null}
          </div>
        )}
      />
      <LoadMore query={query} />
    </>
  );
}
