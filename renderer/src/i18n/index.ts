// Vietnamese first, English second. Each screen keeps its words in its own
// namespace file (i18n/vi/<namespace>.json, i18n/en/<namespace>.json). The
// Vietnamese are in the first bundle; the English words (and core's errors in
// English, namespace `errors`) load when the UI switches to English, or before
// the first render when it was left in English.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

type Messages = Record<string, unknown>;
const vi = import.meta.glob<Messages>('./vi/*.json', { eager: true, import: 'default' });
const en = import.meta.glob<Messages>(['./en/*.json', './errors/en.json'], { import: 'default' });

const namespaceOf = (file: string) =>
  file.startsWith('./errors/') ? 'errors' : file.replace(/^.*\/(.+)\.json$/, '$1');

function byNamespace(files: Record<string, Messages>): Record<string, Messages> {
  return Object.fromEntries(Object.entries(files).map(([file, messages]) => [namespaceOf(file), messages]));
}

export const languages = ['vi', 'en'] as const;
export type Language = (typeof languages)[number];
const stored = localStorage.getItem('vanthu.language');
const initial: Language = stored === 'en' ? 'en' : 'vi';

let english: Promise<void> | null = null;
function loadEnglish(): Promise<void> {
  english ??= Promise.all(
    Object.entries(en).map(async ([file, load]) => {
      i18next.addResourceBundle('en', namespaceOf(file), await load(), true, true);
    }),
  ).then(() => undefined);
  return english;
}

await i18next.use(initReactI18next).init({
  resources: { vi: byNamespace(vi) },
  partialBundledLanguages: true,
  lng: 'vi',
  fallbackLng: 'vi',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  // The resources are in the bundle: no reason to wait a timer before the first render.
  initAsync: false,
});
if (initial === 'en') await setLanguage('en');

export async function setLanguage(language: Language): Promise<void> {
  localStorage.setItem('vanthu.language', language);
  if (language === 'en') await loadEnglish();
  await i18next.changeLanguage(language);
}

export default i18next;
