import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';
import { qu } from './qu';

/** es-PE is the source and default; Quechua (qu) covers the leader's screens and falls back to es-PE. */
export const languages = ['es-PE', 'en', 'qu'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'es-PE';

/** The language chosen with the switch on this device (absent until someone picks one). */
const storageKey = 'minka.language';

function isLanguage(value: string | null): value is Language {
  return value !== null && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be blocked (private mode): behave as if nothing was chosen.
    return null;
  }
}

/** The language the API should answer in (sent as Accept-Language). */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage ?? null) ? (i18n.resolvedLanguage as Language) : defaultLanguage;
}

/** A choice made with the switch: remembered on this device and preferred over the account's language. */
export function changeLanguage(language: Language): Promise<unknown> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered, but still applied.
  }
  return i18n.changeLanguage(language);
}

/** The account's language (`preferredLanguage` of /auth/me) as a UI language. */
export function fromAccountLanguage(preferred: string): Language {
  if (preferred === 'en' || preferred === 'qu') return preferred;
  return defaultLanguage;
}

/**
 * After login: the account's language applies unless someone chose one with the switch on this device
 * (that choice wins, so a shared phone keeps what its user picked). Not stored: the next person who
 * logs in on this device gets their own account's language.
 */
export function applyAccountLanguage(preferred: string): void {
  if (storedLanguage()) return;
  const language = fromAccountLanguage(preferred);
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

/** After logout: back to the device's choice, or the default, so the login page is not in the last user's language. */
export function resetToDeviceLanguage(): void {
  const language = storedLanguage() ?? defaultLanguage;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

// Resources are bundled (three small objects), so init is synchronous in practice.
void i18n.use(initReactI18next).init({
  resources: { 'es-PE': { translation: es }, en: { translation: en }, qu: { translation: qu } },
  lng: storedLanguage() ?? defaultLanguage,
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
