import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { compact, required } from '../../api/body';
import { userRoles, type UserBody, type User, type UserRole } from '../../api/types';
import { SelectField, TextField, fieldId } from '../../components/fields';
import { ErrorSummary, summaryFor } from '../../components/ErrorSummary';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { FormActions } from '../../components/FormActions';
import { ConflictNotice } from '../../components/ConflictNotice';
import { useEnumOptions } from '../../i18n/labels';
import { MemberPicker } from '../members/MemberPicker';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';

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
  const [values, setValues] = useState<UserFormValues>(() => userToForm(user));
  const form = user ? 'user-edit' : 'user-new';
  // A 409 on a user can only be an email already in use.
  const server = useServerFieldErrors(error, { override: (e) => (e.status === 409 ? { email: [t('users.duplicateEmail')] } : null) });
  const serverErrors = server.all;
  const errorsOf = (field: UserField) => server.errorsOf(field);
  const change = (patch: Partial<UserFormValues>) => {
    setValues({ ...values, ...patch });
    for (const key of Object.keys(patch)) server.edited(key);
  };
  const labels: Record<UserField, string> = {
    email: t('users.fields.email'),
    displayName: t('users.fields.displayName'),
    role: t('users.fields.role'),
    memberId: t('users.fields.member'),
    password: user ? t('users.fields.newPassword') : t('users.fields.password'),
  };
  const summary = summaryFor(form, userFields, labels, serverErrors);
  const isConflict = error instanceof ApiError && error.isPreconditionFailed;
  const isOther = error != null && !isConflict && !server.any;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby={`${form}-title`}>
      <h2 id={`${form}-title`}>{user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}</h2>
      {isConflict ? <ConflictNotice onReload={onCancel} /> : null}
      {isOther ? <ApiErrorMessage error={error} /> : null}
      <ErrorSummary items={summary} />
      <div className="row">
        <TextField
          id={fieldId(form, 'email')}
          label={labels.email}
          type="email"
          autoComplete="off"
          required
          value={values.email}
          errors={errorsOf('email')}
          onChange={(e) => change({ email: e.target.value })}
        />
        <TextField
          id={fieldId(form, 'displayName')}
          label={labels.displayName}
          autoComplete="off"
          required
          value={values.displayName}
          errors={errorsOf('displayName')}
          onChange={(e) => change({ displayName: e.target.value })}
        />
      </div>
      <SelectField
        id={fieldId(form, 'role')}
        label={labels.role}
        required
        hint={t('users.roleHint')}
        value={values.role}
        options={options('role', userRoles)}
        errors={errorsOf('role')}
        onChange={(e) => change({ role: e.target.value })}
      />
      {values.role === 'member_editor' ? (
        <MemberPicker
          id={fieldId(form, 'memberId')}
          label={labels.memberId}
          required
          value={values.memberId}
          errors={errorsOf('memberId')}
          onChange={(memberId) => change({ memberId })}
        />
      ) : null}
      <TextField
        id={fieldId(form, 'password')}
        label={labels.password}
        hint={user ? t('users.newPasswordHint') : t('users.passwordHint')}
        type="password"
        autoComplete="new-password"
        required={!user}
        value={values.password}
        errors={errorsOf('password')}
        onChange={(e) => change({ password: e.target.value })}
      />
      <FormActions busy={busy} submitLabel={user ? t('common.save') : t('users.create')} onCancel={onCancel} />
    </form>
  );
}
