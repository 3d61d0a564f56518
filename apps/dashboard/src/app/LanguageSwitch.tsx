import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, languages, type Language } from '../i18n';

// Each language is named in itself (Español, English, Runasimi), whatever the UI language.
const labelKey = { 'es-PE': 'language.es', en: 'language.en', qu: 'language.qu' } as const;

export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={['language-switch', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={i18n.resolvedLanguage} onChange={(event) => void changeLanguage(event.target.value as Language)}>
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(labelKey[language])}
          </option>
        ))}
      </select>
    </div>
  );
}
