import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../i18n';
import { LoadMore } from './LoadMore';

function renderLoadMore(state: { hasNextPage: boolean; isFetchingNextPage: boolean }) {
  const fetchNextPage = vi.fn(() => Promise.resolve());
  const view = render(
    <I18nextProvider i18n={createI18n('fi')}>
      <LoadMore query={{ ...state, fetchNextPage }} />
    </I18nextProvider>,
  );
  return { ...view, fetchNextPage };
}

describe('LoadMore', () => {
  it('asks for the next page when clicked', async () => {
    const { fetchNextPage } = renderLoadMore({ hasNextPage: true, isFetchingNextPage: false });
    const button = screen.getByRole('button', { name: 'Näytä lisää' });
    expect(button).toBeEnabled();
    expect(button).toHaveClass('button', 'button-secondary');
    expect(button).toHaveAttribute('type', 'button');
    await userEvent.click(button);
    expect(fetchNextPage).toHaveBeenCalledTimes(1);
  });

  it('says it is loading and cannot be pressed again while the page comes', async () => {
    const { fetchNextPage } = renderLoadMore({ hasNextPage: true, isFetchingNextPage: true });
    const button = screen.getByRole('button', { name: 'Ladataan…' });
    expect(button).toBeDisabled();
    await userEvent.click(button);
    expect(fetchNextPage).not.toHaveBeenCalled();
  });

  it('is not there once the last page is in', () => {
    const { container } = renderLoadMore({ hasNextPage: false, isFetchingNextPage: false });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(container).toBeEmptyDOMElement();
  });
});
