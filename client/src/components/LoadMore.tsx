import { useTranslation } from 'react-i18next';

/** The next page of an infinite query on request; nothing once the last page is in. */
export function LoadMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <p>
      <button type="button" className="button button-secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {query.isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
      </button>
    </p>
  );
}
