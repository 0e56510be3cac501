// Vietnamese first, English second. Each screen keeps its words in its own
// namespace file (i18n/vi/<namespace>.json, i18n/en/<namespace>.json).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

type Messages = Record<string, unknown>;
const vi = import.meta.glob<Messages>('./vi/*.json', { eager: true, import: 'default' });
const en = import.meta.glob<Messages>('./en/*.json', { eager: true, import: 'default' });

function byNamespace(files: Record<string, Messages>): Record<string, Messages> {
  return Object.fromEntries(
    Object.entries(files).map(([file, messages]) => [file.replace(/^.*\/(.+)\.json$/, '$1'), messages]),
  );
}

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];
const stored = localStorage.getItem('vanthu.language');
const initial: Language = stored === 'en' ? 'en' : 'vi';

await i18next.use(initReactI18next).init({
  resources: { vi: byNamespace(vi), en: byNamespace(en) },
  lng: initial,
  fallbackLng: 'vi',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  // The resources are in the bundle: no reason to wait a timer before the first render.
  initAsync: false,
});

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem('vanthu.language', language);
  await i18next.changeLanguage(language);
}

export default i18next;
