import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n';
import { DataTable } from './DataTable';

interface Metric {
  id: string;
  name: string;
  target: number;
}

const metrics: Metric[] = [
  { id: 'm1', name: 'Kävijät', target: 120 },
  { id: 'm2', name: 'Vapaaehtoiset', target: 8 },
];

const columns = [
  { header: 'Mittari', cell: (m: Metric) => m.name },
  { header: 'Tavoite', cell: (m: Metric) => String(m.target) },
];

function renderTable(rowActions?: (m: Metric) => ReactNode) {
  return render(
    <I18nextProvider i18n={createI18n('fi')}>
      <DataTable caption="Mittarit" columns={columns} rows={metrics} rowKey={(m) => m.id} rowActions={rowActions} />
    </I18nextProvider>,
  );
}

describe('DataTable', () => {
  it('names the table by a caption only screen readers see', () => {
    const { container } = renderTable();
    const table = screen.getByRole('table', { name: 'Mittarit' });
    expect(table).toHaveClass('data-table', 'responsive');
    expect(container.querySelector('caption')).toHaveClass('visually-hidden');
  });

  it('heads each column and makes the first cell of a row its header', () => {
    renderTable();
    expect(screen.getAllByRole('columnheader').map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([
      ['col', 'Mittari'],
      ['col', 'Tavoite'],
    ]);
    const rowHeaders = screen.getAllByRole('rowheader');
    expect(rowHeaders.map((th) => [th.tagName, th.getAttribute('scope'), th.textContent])).toEqual([
      ['TH', 'row', 'Kävijät'],
      ['TH', 'row', 'Vapaaehtoiset'],
    ]);
    // The row is named by its header, as the screen reader and the end-to-end tests find it.
    expect(within(screen.getByRole('row', { name: /Vapaaehtoiset/ })).getByRole('cell')).toHaveTextContent('8');
  });

  it("labels every cell with its column's header for the phone layout", () => {
    renderTable();
    const [, first] = screen.getAllByRole('row');
    expect(
      Array.from(first?.children ?? []).map((cell) => [cell.tagName, cell.getAttribute('data-label'), cell.textContent]),
    ).toEqual([
      ['TH', 'Mittari', 'Kävijät'],
      ['TD', 'Tavoite', '120'],
    ]);
  });

  it('ends each row with its actions under a header only screen readers see, and no phone label', () => {
    renderTable((m) => <button type="button">Poista {m.name}</button>);
    const actionsHeader = screen.getAllByRole('columnheader').at(-1);
    expect(actionsHeader).toHaveAttribute('scope', 'col');
    expect(actionsHeader?.querySelector('span.visually-hidden')).toHaveTextContent('Toiminnot');
    const actionsCell = screen.getByRole('button', { name: 'Poista Kävijät' }).closest('td');
    expect(actionsCell).not.toBeNull();
    expect(actionsCell).not.toHaveAttribute('data-label');
    expect(actionsCell?.parentElement?.lastElementChild).toBe(actionsCell);
  });

  it('has no actions column unless asked', () => {
    renderTable();
    expect(screen.getAllByRole('columnheader')).toHaveLength(2);
    expect(screen.queryByText('Toiminnot')).not.toBeInTheDocument();
  });
});
