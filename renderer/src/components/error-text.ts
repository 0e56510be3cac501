// Core's errors in the UI's language. Core words them in Vietnamese (shared/
// errors.ts), the app's first language; the English UI looks each code up in
// i18n/errors/en.json (loaded with the English words, namespace `errors`) and
// keeps core's Vietnamese only for a code it has no English for (one added to
// core after this table). Field messages stay as core wrote them.
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../shared/errors.ts';

export function errorText(error: Pick<ErrorValue, 'code' | 'message'>, language: string): string {
  const english: unknown = language === 'en' ? i18next.getResource('en', 'errors', error.code) : undefined;
  return typeof english === 'string' ? english : error.message;
}

/** errorText in the current language, for components. */
export function useErrorText(): (error: Pick<ErrorValue, 'code' | 'message'>) => string {
  const { i18n } = useTranslation();
  return (error) => errorText(error, i18n.language);
}
