import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';

export const languages = ['es-PE', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'es-PE';

const storageKey = 'minka.language';

function isLanguage(value: string | null): value is Language {
  return value !== null && (languages as readonly string[]).includes(value);
}

function initialLanguage(): Language {
  const stored = localStorage.getItem(storageKey);
  return isLanguage(stored) ? stored : defaultLanguage;
}

/** The language the API should answer in (sent as Accept-Language). */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage ?? null)
    ? (i18n.resolvedLanguage as Language)
    : defaultLanguage;
}

export function changeLanguage(language: Language): Promise<unknown> {
  localStorage.setItem(storageKey, language);
  return i18n.changeLanguage(language);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

// Resources are bundled (two small objects), so init is synchronous in practice.
void i18n.use(initReactI18next).init({
  resources: { 'es-PE': { translation: es }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
