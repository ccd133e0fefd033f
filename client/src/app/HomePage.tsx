import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from './services';
import { navItemsFor } from './features';
import { PageTitle } from '../components/PageTitle';
import { DashboardPage } from '../features/dashboard/DashboardPage';

/** Signed-in users land on the dashboard; visitors get an introduction and the public sections. */
export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (user) return <DashboardPage />;
  const sections = navItemsFor(null);
  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.title')}</PageTitle>
      <p className="lead">{t('home.intro')}</p>
      <p>
        <Link className="button" to="/login">
          {t('nav.signIn')}
        </Link>
      </p>
      <h2>{t('home.sectionsTitle')}</h2>
      <ul className="card-grid">
        {sections.map((item) => (
          <li key={item.to} className="card">
            <h3>
              <Link to={item.to}>{t(item.labelKey)}</Link>
            </h3>
            <p>{t(item.descriptionKey)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
