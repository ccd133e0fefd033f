import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, unclaimedErrors } from '../../api/problem';
import type { Contact } from '../../api/types';
import { TextField, fieldId } from '../../components/fields';
import { ApiErrorMessage } from '../../components/ApiErrorMessage';
import { FormActions } from '../../components/FormActions';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConflictNotice } from '../../components/ConflictNotice';
import { useContacts, useDeleteContact, useSaveContact } from './api';
import { useServerFieldErrors } from '../../components/useServerFieldErrors';
import { contactFormBody } from './form';
import { QueryList } from '../../components/QueryList';
import { inputLimits } from '../../api/inputLimits';
import { limits } from '../../api/limits';

const contactFields = ['name', 'title', 'email', 'phone'] as const;
type ContactField = (typeof contactFields)[number];

function ContactForm({
  memberId,
  contact,
  onDone,
}: {
  memberId: string;
  contact: Contact | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveContact(memberId);
  const form = contact ? `contact-${contact.id}` : 'contact-new';
  const [values, setValues] = useState<Record<ContactField, string>>({
    name: contact?.name ?? '',
    title: contact?.title ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
  });
  const server = useServerFieldErrors(save.error);
  const errors = server.all;
  const loose = unclaimedErrors(errors, contactFields);
  const errorsOf = (field: ContactField) => server.errorsOf(field);
  const change = (patch: Partial<Record<ContactField, string>>) => {
    setValues({ ...values, ...patch });
    for (const key of Object.keys(patch)) server.edited(key);
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      {
        contact,
        body: contactFormBody(values),
      },
      { onSuccess: onDone },
    );
  }

  const isConflict = save.error instanceof ApiError && save.error.isPreconditionFailed;
  return (
    <form className="form contact-form" onSubmit={submit} noValidate aria-label={contact ? t('contacts.editTitle', { name: contact.name }) : t('contacts.add')}>
      {isConflict ? (
        <ConflictNotice
          onReload={() => {
            save.reset();
            onDone();
          }}
        />
      ) : save.error && Object.keys(errors).length === 0 ? (
        <ApiErrorMessage error={save.error} />
      ) : null}
      {loose.length > 0 ? <p className="field-error">{loose.join(' ')}</p> : null}
      <div className="row">
        <TextField
          id={fieldId(form, 'name')}
          {...inputLimits(limits.ContactInput, 'name')}
          label={t('contacts.fields.name')}
          required
          autoComplete="off"
          value={values.name}
          errors={errorsOf('name')}
          onChange={(e) => change({ name: e.target.value })}
        />
        <TextField
          id={fieldId(form, 'title')}
          {...inputLimits(limits.ContactInput, 'title')}
          label={t('contacts.fields.title')}
          autoComplete="off"
          value={values.title}
          errors={errorsOf('title')}
          onChange={(e) => change({ title: e.target.value })}
        />
      </div>
      <div className="row">
        <TextField
          id={fieldId(form, 'email')}
          {...inputLimits(limits.ContactInput, 'email')}
          label={t('contacts.fields.email')}
          type="email"
          autoComplete="off"
          value={values.email}
          errors={errorsOf('email')}
          onChange={(e) => change({ email: e.target.value })}
        />
        <TextField
          id={fieldId(form, 'phone')}
          {...inputLimits(limits.ContactInput, 'phone')}
          label={t('contacts.fields.phone')}
          type="tel"
          autoComplete="off"
          value={values.phone}
          errors={errorsOf('phone')}
          onChange={(e) => change({ phone: e.target.value })}
        />
      </div>
      <FormActions busy={save.isPending} submitLabel={contact ? t('common.save') : t('contacts.add')} onCancel={onDone} />
    </form>
  );
}

/** Contact people of a member: personal data, so only for signed-in users, editable by its editors. */
export function ContactsSection({ memberId, canEdit }: { memberId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const query = useContacts(memberId, true);
  const remove = useDeleteContact(memberId);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const contacts = query.data?.items ?? [];

  return (
    <section className="section" aria-labelledby="contacts-title">
      <div className="section-header">
        <h2 id="contacts-title">{t('contacts.title')}</h2>
        {canEdit && editing !== 'new' ? (
          <button type="button" className="button button-secondary" onClick={() => setEditing('new')}>
            {t('contacts.add')}
          </button>
        ) : null}
      </div>
      <p className="hint">{t('contacts.privacy')}</p>
      {editing === 'new' ? <ContactForm memberId={memberId} contact={null} onDone={() => setEditing(null)} /> : null}
      {remove.error ? <ApiErrorMessage error={remove.error} /> : null}
      <QueryList query={query} count={contacts.length} empty={<p>{t('contacts.empty')}</p>}>
        {() => (
          <ul className="contact-list">
            {contacts.map((c) => (
              <li key={c.id} className="card">
                {editing === c.id ? (
                  <ContactForm memberId={memberId} contact={c} onDone={() => setEditing(null)} />
                ) : (
                  <>
                    <p className="contact-name">
                      <strong>{c.name}</strong>
                      {c.title ? <span className="muted">, {c.title}</span> : null}
                    </p>
                    {c.email ? (
                      <p>
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </p>
                    ) : null}
                    {c.phone ? (
                      <p>
                        <a href={`tel:${c.phone.replace(/\s+/g, '')}`}>{c.phone}</a>
                      </p>
                    ) : null}
                    {canEdit ? (
                      <div className="actions">
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('contacts.editTitle', { name: c.name })}
                          onClick={() => setEditing(c.id)}
                        >
                          {t('common.edit')}
                        </button>
                        <ConfirmButton
                          label={t('common.delete')}
                          accessibleLabel={t('contacts.deleteTitle', { name: c.name })}
                          confirmLabel={t('contacts.confirmDelete')}
                          question={t('contacts.deleteQuestion', { name: c.name })}
                          busy={remove.isPending}
                          onConfirm={() => remove.mutate(c)}
                        />
                      </div>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryList>
    </section>
  );
}
