import { useTranslation } from 'react-i18next';
import { compact, required } from '../../api/body';
import { userRoles, type UserBody, type User, type UserRole } from '../../api/types';
import { SelectField, TextField } from '../../components/fields';
import { summaryFor } from '../../components/ErrorSummary';
import { FormActions } from '../../components/FormActions';
import { FormNotices, useEntityForm } from '../../components/useEntityForm';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { limits } from '../../api/limits';

const userFields = ['email', 'displayName', 'role', 'memberId', 'password'] as const;
type UserField = (typeof userFields)[number];

export interface UserFormValues {
  email: string;
  displayName: string;
  role: string;
  memberId: string;
  password: string;
}

export function userToForm(user: User | null): UserFormValues {
  return {
    email: user?.email ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'viewer',
    memberId: user?.memberId ?? '',
    password: '',
  };
}

/**
 * The body for create and update, with only what was filled in. The password is sent only when one was typed (as
 * typed, never trimmed): left out on update, the current one stays.
 */
export function formToUserBody(values: UserFormValues): UserBody {
  return compact({
    email: required(values.email),
    displayName: required(values.displayName),
    role: values.role as UserRole,
    // Only a member editor is bound to a member.
    memberId: values.role === 'member_editor' && values.memberId ? values.memberId : undefined,
    password: values.password === '' ? undefined : values.password,
  });
}

export function UserForm({
  user,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  user: User | null;
  busy: boolean;
  error: unknown;
  onSubmit: (values: UserFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const options = useEnumOptions();
  const name = user ? 'user-edit' : 'user-new';
  const form = useEntityForm({
    limits: limits.UserInput,
    form: name,
    initial: () => userToForm(user),
    error,
    onSubmit,
    // A 409 on a user can only be an email already in use.
    override: (e) => (e.status === 409 ? { email: [t('users.duplicateEmail')] } : null),
  });
  const { field, values } = form;
  const labels: Record<UserField, string> = {
    email: t('users.fields.email'),
    displayName: t('users.fields.displayName'),
    role: t('users.fields.role'),
    memberId: t('users.fields.member'),
    password: user ? t('users.fields.newPassword') : t('users.fields.password'),
  };

  return (
    <form className="form panel" onSubmit={form.submit} noValidate aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>{user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}</h2>
      {/* Reloading here is closing the form: the list behind it has the newest version. */}
      <FormNotices form={form} summary={summaryFor(name, userFields, labels, form.server.all)} onReload={onCancel} />
      <div className="row">
        <TextField label={labels.email} type="email" autoComplete="off" required {...field('email')} />
        <TextField label={labels.displayName} autoComplete="off" required {...field('displayName')} />
      </div>
      <SelectField label={labels.role} required hint={t('users.roleHint')} options={options('role', userRoles)} {...field('role')} />
      {values.role === 'member_editor' ? (
        <MemberPicker label={labels.memberId} required {...field('memberId')} />
      ) : null}
      <TextField
        label={labels.password}
        hint={user ? t('users.newPasswordHint') : t('users.passwordHint')}
        type="password"
        autoComplete="new-password"
        required={!user}
        {...field('password')}
      />
      <FormActions busy={busy} submitLabel={user ? t('common.save') : t('users.create')} onCancel={onCancel} />
    </form>
  );
}
