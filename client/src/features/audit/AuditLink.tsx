import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../app/services';
import { isAdmin } from '../../auth/permissions';

/** "Muutoshistoria": a record's own entries in the audit log; only admins can read the log, so only they see the link. */
export function AuditLink({ entityType, entityId }: { entityType: string; entityId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  if (!isAdmin(user)) return null;
  return (
    <p className="audit-link">
      <Link to={`/admin/audit?${new URLSearchParams({ entityType, entityId }).toString()}`}>{t('audit.recordLink')}</Link>
    </p>
  );
}
