import { describe, expect, it, vi } from 'vitest';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import type { FormEvent } from 'react';
import { ApiError, NetworkError } from '../api/problem';
import { createI18n } from '../i18n';
import { TextField } from './fields';
import { EntityFormFrame, FormNotices, useConflictReload, useEntityForm, type EntityFormProps } from './useEntityForm';

interface Values {
  name: string;
  city: string;
  results: string;
  items: { key: string; title: string }[];
}

const initial: Values = { name: 'Oulun Omaishoitajat', city: '', results: '', items: [{ key: 'a', title: 'Yksi' }] };
const invalid = (errors: Record<string, string[]>) => new ApiError(400, { status: 400, title: 'Virheellinen pyyntö', errors });

describe('useEntityForm', () => {
  it('binds a text value to its input and clears that field’s server error once it is edited', () => {
    const error = invalid({ Name: ['Nimi on liian pitkä.'], 'Address.City': ['Kunta puuttuu.'] });
    const { result } = renderHook(() => useEntityForm({ form: 'member', initial, error, onSubmit: () => {}, sourceOf: (f) => (f === 'address.city' ? 'city' : f) }));
    const name = result.current.field('name');
    expect(name).toMatchObject({ id: 'member-name', value: 'Oulun Omaishoitajat', errors: ['Nimi on liian pitkä.'] });
    expect(result.current.field('city', 'address.city')).toMatchObject({ id: 'member-address-city', errors: ['Kunta puuttuu.'] });
    act(() => name.onChange({ target: { value: 'Oulun Seudun Omaishoitajat' } } as never));
    expect(result.current.values.name).toBe('Oulun Seudun Omaishoitajat');
    expect(result.current.field('name').errors).toBeUndefined();
    act(() => result.current.set('city', 'Oulu'));
    expect(result.current.field('city', 'address.city').errors).toBeUndefined();
    // The summary still lists every error of the answer.
    expect(Object.keys(result.current.server.all)).toEqual(['name', 'address.city']);
  });

  it('names a value by the API path it is sent as, for its id and its error', () => {
    const error = invalid({ 'evaluation.results': ['Liian pitkä.'] });
    const pathOf = (key: string) => (key === 'results' ? `evaluation.${key}` : key);
    const { result } = renderHook(() => useEntityForm({ form: 'pilot', initial, error, onSubmit: () => {}, pathOf }));
    expect(result.current.field('results')).toMatchObject({ id: 'pilot-evaluation-results', errors: ['Liian pitkä.'] });
    act(() => result.current.set('results', 'Hyvä'));
    expect(result.current.field('results').errors).toBeUndefined();
  });

  it('gives each bound input the limits openapi.yaml states for its field, list items by their list', () => {
    const limits = { name: { required: true, maxLength: 200 }, 'address.city': { maxLength: 100 }, 'items[].title': { required: true, maxLength: 50 } } as const;
    const { result } = renderHook(() => useEntityForm({ form: 'member', initial, error: null, onSubmit: () => {}, limits }));
    expect(result.current.field('name')).toMatchObject({ required: true, maxLength: 200 });
    expect(result.current.field('city', 'address.city')).toMatchObject({ maxLength: 100 });
    expect(result.current.field('city', 'address.city')).not.toHaveProperty('required');
    expect(result.current.item('items', 0, 'title')).toMatchObject({ required: true, maxLength: 50 });
    expect(result.current.field('results')).not.toHaveProperty('maxLength');
  });

  it('changes, adds and removes list items, clearing the changed item field’s error', () => {
    const error = invalid({ 'items.0.title': ['Otsikko puuttuu.'] });
    const { result } = renderHook(() => useEntityForm({ form: 'x', initial, error, onSubmit: () => {} }));
    expect(result.current.server.errorsAt('items.0.title')).toEqual(['Otsikko puuttuu.']);
    act(() => result.current.setItem('items', 0, { title: 'Uusi' }));
    expect(result.current.values.items).toEqual([{ key: 'a', title: 'Uusi' }]);
    expect(result.current.server.errorsAt('items.0.title')).toBeUndefined();
    const title = result.current.item('items', 0, 'title');
    expect(title).toMatchObject({ id: 'x-items-0-title', value: 'Uusi', errors: undefined });
    // A picker hands over the value itself rather than an event.
    act(() => title.onChange('Toinen'));
    expect(result.current.values.items[0]?.title).toBe('Toinen');
    act(() => result.current.addItem('items', { key: 'b', title: '' }));
    expect(result.current.values.items.map((i) => i.key)).toEqual(['a', 'b']);
    act(() => result.current.removeItem('items', 0));
    expect(result.current.values.items.map((i) => i.key)).toEqual(['b']);
  });

  it('tells a conflict, field errors and any other failure apart', () => {
    const state = (error: unknown) => {
      const { result } = renderHook(() => useEntityForm({ form: 'x', initial, error, onSubmit: () => {} }));
      return { conflict: result.current.isConflict, other: result.current.isOther };
    };
    expect(state(null)).toEqual({ conflict: false, other: false });
    expect(state(new ApiError(412, { status: 412, title: 'Precondition Failed' }))).toEqual({ conflict: true, other: false });
    expect(state(invalid({ name: ['Pakollinen.'] }))).toEqual({ conflict: false, other: false });
    expect(state(new NetworkError(new Error('offline')))).toEqual({ conflict: false, other: true });
    expect(state(new ApiError(409, { status: 409, title: 'Conflict' }))).toEqual({ conflict: false, other: true });
  });

  it('reads a status as field errors when told to (a 409 that can only be a duplicate)', () => {
    const error = new ApiError(409, { status: 409, title: 'Conflict' });
    const override = (e: ApiError) => (e.status === 409 ? { name: ['Nimi on jo käytössä.'] } : null);
    const { result } = renderHook(() => useEntityForm({ form: 'x', initial, error, onSubmit: () => {}, override }));
    expect(result.current.isOther).toBe(false);
    expect(result.current.field('name').errors).toEqual(['Nimi on jo käytössä.']);
  });

  it('submits the current values without reloading the page', () => {
    const onSubmit = vi.fn();
    const { result } = renderHook(() => useEntityForm({ form: 'x', initial: () => initial, error: null, onSubmit }));
    act(() => result.current.set('name', 'Uusi nimi'));
    const preventDefault = vi.fn();
    act(() => result.current.submit({ preventDefault } as unknown as FormEvent));
    expect(preventDefault).toHaveBeenCalled();
    expect(onSubmit).toHaveBeenCalledWith({ ...initial, name: 'Uusi nimi' });
  });
});

function NameForm(props: EntityFormProps<Values>) {
  const form = useEntityForm({ form: 'demo', initial: props.initial, error: props.error, onSubmit: props.onSubmit });
  const summary = Object.entries(form.server.all).map(([key, messages]) => ({ targetId: form.id(key), label: 'Nimi', messages }));
  return (
    <EntityFormFrame form={form} summary={summary} props={props}>
      <TextField label="Nimi" required {...form.field('name')} />
    </EntityFormFrame>
  );
}

function renderForm(props: Partial<EntityFormProps<Values>>) {
  const all: EntityFormProps<Values> = { initial, submitLabel: 'Tallenna', busy: false, error: null, onSubmit: vi.fn(), onCancel: vi.fn(), ...props };
  render(
    <I18nextProvider i18n={createI18n('fi')}>
      <NameForm {...all} />
    </I18nextProvider>,
  );
  return all;
}

describe('EntityFormFrame', () => {
  it('is described by the required-fields note and sends the typed values', async () => {
    const props = renderForm({});
    const form = screen.getByRole('button', { name: 'Tallenna' }).closest('form');
    expect(form).toHaveAttribute('aria-describedby', 'demo-required-note');
    expect(form).toHaveAttribute('novalidate');
    expect(document.getElementById('demo-required-note')).toHaveTextContent('Tähdellä (*) merkityt kentät ovat pakollisia.');
    await userEvent.clear(screen.getByLabelText(/Nimi/));
    await userEvent.type(screen.getByLabelText(/Nimi/), 'Kajaanin kyläyhdistys');
    await userEvent.click(screen.getByRole('button', { name: 'Tallenna' }));
    expect(props.onSubmit).toHaveBeenCalledWith({ ...initial, name: 'Kajaanin kyläyhdistys' });
    await userEvent.click(screen.getByRole('button', { name: 'Peruuta' }));
    expect(props.onCancel).toHaveBeenCalled();
  });

  it('offers the newest version after a 412 only when the page can reload', async () => {
    const onReload = vi.fn();
    renderForm({ error: new ApiError(412, { status: 412, title: 'Precondition Failed' }), onReload });
    expect(screen.getByText('Joku muu muutti tätä sillä välin')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Lataa uusin versio' }));
    expect(onReload).toHaveBeenCalled();
  });

  it('shows the saving state while busy', () => {
    renderForm({ busy: true });
    expect(screen.getByRole('button', { name: 'Tallennetaan…' })).toBeDisabled();
  });

  it('links a field error from the summary and shows it at the field', () => {
    renderForm({ error: invalid({ name: ['Nimi on pakollinen.'] }) });
    expect(screen.getByRole('link', { name: 'Nimi: Nimi on pakollinen.' })).toHaveAttribute('href', '#demo-name');
    expect(screen.getByLabelText(/Nimi/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('FormNotices', () => {
  it('shows a failure that is no field error as one message, and no conflict notice without a reload', () => {
    render(
      <I18nextProvider i18n={createI18n('fi')}>
        <FormNotices form={{ isConflict: true, isOther: false, error: null }} summary={[]} />
        <FormNotices form={{ isConflict: false, isOther: true, error: new NetworkError(new Error('offline')) }} summary={[]} />
      </I18nextProvider>,
    );
    expect(screen.queryByText('Joku muu muutti tätä sillä välin')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toBeInTheDocument();
  });
});

describe('useConflictReload', () => {
  it('drops the failed write, refetches, and only then starts the form again', async () => {
    const reset = vi.fn();
    let refetched: () => void = () => {};
    const reload = vi.fn(() => new Promise<unknown>((resolve) => (refetched = () => resolve(undefined))));
    const { result } = renderHook(() => useConflictReload({ reset }, reload));
    expect(result.current.generation).toBe(0);
    act(() => result.current.onReload());
    expect(reset).toHaveBeenCalled();
    expect(reload).toHaveBeenCalled();
    expect(result.current.generation).toBe(0);
    act(() => refetched());
    await waitFor(() => expect(result.current.generation).toBe(1));
  });
});
