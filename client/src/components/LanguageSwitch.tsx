import { useTranslation } from 'react-i18next';
import { currentLanguage, rememberLanguage, type Language } from '../i18n';

/** Switches between Finnish and English; the button names the other language in that language. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const language = currentLanguage(i18n);
  const other: Language = language === 'fi' ? 'en' : 'fi';
  return (
    <button
      type="button"
      className="button button-ghost language-switch"
      lang={other}
      onClick={() => {
        rememberLanguage(other);
        void i18n.changeLanguage(other);
      }}
    >
      {t('language.switchTo', { lng: other })}
    </button>
  );
}
