import type { ComponentType } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import type { WithEtag } from '../api/client';
import { Alert } from './Alert';
import { PageTitle } from './PageTitle';
import { RecordRoute } from './QueryBoundary';
import { useConflictReload, type EntityFormProps } from './useEntityForm';

interface Versioned {
  id: string;
  version: number;
}

/** A record's update: the body, with the ETag it was read with (or its version) as If-Match. */
export interface UpdateVariables<B> {
  body: B;
  etag: string | null;
  version: number;
}

export interface RecordFormPageProps<R extends Versioned, V, B> {
  /** The list's address (`/members`); a record's page is `${path}/${id}`. */
  path: string;
  Form: ComponentType<EntityFormProps<V>>;
  toBody: (values: V) => B;
  create: {
    title: string;
    /** A lead paragraph under the title. */
    intro?: string;
    submitLabel: string;
    initial: V;
    useCreate: () => UseMutationResult<WithEtag<R>, Error, B>;
  };
  edit: {
    /** The title shown when the record cannot be read. */
    listTitle: string;
    useRecord: (id: string) => UseQueryResult<WithEtag<R>>;
    useUpdate: (id: string) => UseMutationResult<WithEtag<R>, Error, UpdateVariables<B>>;
    title: (record: R) => string;
    /** The breadcrumb back to the record's page. */
    back: (record: R) => string;
    toForm: (record: R) => V;
    /** Why this record cannot be edited here (a final state, or not this user's), or null. */
    refusal: (record: R) => string | null;
  };
}

/**
 * A record's form page, for both its routes: `…/new` creates a record, `…/:id/edit` edits one (read with its ETag,
 * sent back as If-Match). After either, the record's page opens with a notice.
 */
export function RecordFormPage<R extends Versioned, V, B>(props: RecordFormPageProps<R, V, B>) {
  const { id } = useParams();
  return id === undefined ? <CreateView {...props} /> : <EditView {...props} />;
}

function CreateView<R extends Versioned, V, B>({ path, Form, toBody, create: page }: RecordFormPageProps<R, V, B>) {
  const navigate = useNavigate();
  const create = page.useCreate();
  return (
    <>
      <PageTitle title={page.title}>{page.title}</PageTitle>
      {page.intro ? <p className="lead">{page.intro}</p> : null}
      <Form
        initial={page.initial}
        submitLabel={page.submitLabel}
        busy={create.isPending}
        error={create.error}
        onCancel={() => navigate(path)}
        onSubmit={(values) =>
          create.mutate(toBody(values), {
            onSuccess: (result) => navigate(`${path}/${result.data.id}`, { state: { notice: 'created' } }),
          })
        }
      />
    </>
  );
}

function EditView<R extends Versioned, V, B>(props: RecordFormPageProps<R, V, B>) {
  return (
    <RecordRoute useRecord={props.edit.useRecord} title={props.edit.listTitle}>
      {(record, etag, reload) => <EditForm {...props} record={record} etag={etag} reload={reload} />}
    </RecordRoute>
  );
}

function EditForm<R extends Versioned, V, B>({
  path,
  Form,
  toBody,
  edit: page,
  record,
  etag,
  reload,
}: RecordFormPageProps<R, V, B> & { record: R; etag: string | null; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = page.useUpdate(record.id);
  const conflict = useConflictReload(update, reload);
  const title = page.title(record);
  const href = `${path}/${record.id}`;
  const refusal = page.refusal(record);
  if (refusal !== null) {
    return (
      <>
        <PageTitle title={title}>{title}</PageTitle>
        <Alert tone="warning">{refusal}</Alert>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to={href}>{page.back(record)}</Link>
      </p>
      <PageTitle title={title}>{title}</PageTitle>
      <Form
        key={`${record.id}-${record.version}-${conflict.generation}`}
        initial={page.toForm(record)}
        submitLabel={t('common.save')}
        busy={update.isPending}
        error={update.error}
        onCancel={() => navigate(href)}
        onReload={conflict.onReload}
        onSubmit={(values) =>
          update.mutate({ body: toBody(values), etag, version: record.version }, { onSuccess: () => navigate(href, { state: { notice: 'saved' } }) })
        }
      />
    </>
  );
}
