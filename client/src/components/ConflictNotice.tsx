import { useTranslation } from 'react-i18next';

/**
 * Shown when a write answered 412: someone else saved the same resource after this form loaded it.
 * Reloading takes the newest version; the user's unsaved edits are then redone on top of it.
 */
export function ConflictNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning" role="alert">
      <p className="alert-title">{t('conflict.title')}</p>
      <p>{t('conflict.body')}</p>
      <button type="button" className="button" onClick={onReload}>
        {t('conflict.reload')}
      </button>
    </div>
  );
}
