// Core's errors in the UI's language. Core words them in Vietnamese (shared/
// errors.ts), the app's first language; the English UI looks each code up in
// i18n/errors/en.json and keeps core's Vietnamese only for a code it has no
// English for (one added to core after this table). Field messages stay as
// core wrote them.
import { useTranslation } from 'react-i18next';
import type { ErrorCode, ErrorValue } from '../../../shared/errors.ts';
import english from '../i18n/errors/en.json';

const englishMessages: Partial<Record<ErrorCode, string>> = english;

export function errorText(error: Pick<ErrorValue, 'code' | 'message'>, language: string): string {
  return (language === 'en' ? englishMessages[error.code] : undefined) ?? error.message;
}

/** errorText in the current language, for components. */
export function useErrorText(): (error: Pick<ErrorValue, 'code' | 'message'>) => string {
  const { i18n } = useTranslation();
  return (error) => errorText(error, i18n.language);
}
