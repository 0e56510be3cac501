// Select options for the fixed lists of shared/domain.ts, in the current language.
import { useTranslation } from 'react-i18next';
import {
  documentTypes,
  findDocumentType,
  secrecies,
  urgencies,
  type Secrecy,
  type Urgency,
} from '../../../shared/domain.ts';
import { foldVietnamese } from '../../../shared/fold.ts';

export function useUrgencyOptions(): { value: Urgency; label: string }[] {
  const { t } = useTranslation('common');
  return urgencies.map((value) => ({ value, label: t(`urgency.${value}`) }));
}

export function useSecrecyOptions(): { value: Secrecy; label: string }[] {
  const { t } = useTranslation('common');
  return secrecies.map((value) => ({ value, label: t(`secrecy.${value}`) }));
}

/** A type as a PDF or a person writes it ("QĐ", "qd", "Quyết định") → its key, if it is one of Appendix III. */
export function documentTypeKey(text: string): string | undefined {
  const folded = foldVietnamese(text.trim());
  return (findDocumentType(text) ?? documentTypes.find((type) => foldVietnamese(type.name) === folded))?.key;
}
