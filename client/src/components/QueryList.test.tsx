import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { NetworkError } from '../api/problem';
import { createI18n } from '../i18n';
import { QueryList, QueryTable } from './QueryList';

const show = (query: { isPending: boolean; isError: boolean; error: unknown; data?: string[] }) =>
  render(
    <I18nextProvider i18n={createI18n('fi')}>
      <QueryList query={query} count={query.data?.length ?? 0} empty={<p>Ei rivejä.</p>}>
        {(rows) => <ul>{rows.map((r) => <li key={r}>{r}</li>)}</ul>}
      </QueryList>
    </I18nextProvider>,
  );

describe('QueryList', () => {
  it('shows the failure instead of the rows', () => {
    show({ isPending: false, isError: true, error: new NetworkError(new Error('offline')) });
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('says there are no rows, or shows them', () => {
    const { unmount } = show({ isPending: false, isError: false, error: null, data: [] });
    expect(screen.getByText('Ei rivejä.')).toBeInTheDocument();
    unmount();
    show({ isPending: false, isError: false, error: null, data: ['Oulu', 'Kajaani'] });
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Oulu', 'Kajaani']);
  });

  it('shows nothing of the list while it loads', () => {
    show({ isPending: true, isError: false, error: null });
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
    expect(screen.queryByText('Ei rivejä.')).not.toBeInTheDocument();
  });
});

describe('QueryTable', () => {
  it('shows the rows in a table once they are there, and the no-rows text when there are none', () => {
    const columns = [{ header: 'Kunta', cell: (r: { id: string }) => r.id }];
    const done = { isPending: false, isError: false, error: null };
    const { unmount } = render(
      <I18nextProvider i18n={createI18n('fi')}>
        <QueryTable query={done} empty={<p>Ei rivejä.</p>} caption="Kunnat" rows={[{ id: 'Oulu' }]} rowKey={(r) => r.id} columns={columns} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('table', { name: 'Kunnat' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Oulu' })).toBeInTheDocument();
    unmount();
    render(
      <I18nextProvider i18n={createI18n('fi')}>
        <QueryTable query={done} empty={<p>Ei rivejä.</p>} caption="Kunnat" rows={[]} rowKey={(r) => r.id} columns={columns} />
      </I18nextProvider>,
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByText('Ei rivejä.')).toBeInTheDocument();
  });
});
