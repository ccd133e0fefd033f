import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Space } from '../../api/types';
import { ListHeader } from '../../components/RecordHeader';
import { useCurrentUser } from '../../app/services';
import { isStaff } from '../../auth/permissions';
import { QueryList } from '../../components/QueryList';
import { LoadMore } from '../../components/LoadMore';
import { useEnumLabel } from '../../i18n/labels';
import { useSpaces } from './api';
import { ruleSentences } from './rules';

function SpaceCard({ space }: { space: Space }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <li className="card space-card">
      <h2>
        <Link to={`/spaces/${space.id}`}>{space.name}</Link>
      </h2>
      <p className="muted">
        {label('spaceKind', space.kind)}
        {space.capacity != null ? ` · ${t('spaces.capacity', { count: space.capacity })}` : ''}
      </p>
      {space.features.length > 0 ? (
        <p>
          <span className="visually-hidden">{t('spaces.features')}: </span>
          {space.features.map((f) => label('spaceFeature', f)).join(', ')}
        </p>
      ) : null}
      <ul className="rule-list">
        {ruleSentences(space, t).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </li>
  );
}

/** "Tilat": the centre's rooms, halls and workspaces with their equipment and booking rules in plain words. */
export function SpacesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const query = useSpaces();
  const spaces = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <ListHeader title={t('spaces.title')} create={isStaff(user) ? { to: '/spaces/new', label: t('spaces.create') } : false} />
      <p className="lead">{t('spaces.intro')}</p>
      <QueryList query={query} count={spaces.length} empty={<p role="status">{t('spaces.none')}</p>}>
        {() => (
          <>
            <ul className="card-grid space-list">
              {spaces.map((s) => (
                <SpaceCard key={s.id} space={s} />
              ))}
            </ul>
            <LoadMore query={query} />
          </>
        )}
      </QueryList>
    </>
  );
}
