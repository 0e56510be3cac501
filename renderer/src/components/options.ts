// Select options for the fixed lists of shared/domain.ts, in the current language.
import type { TFunction } from 'i18next';
import {
  documentTypes,
  findDocumentType,
  secrecies,
  urgencies,
  type Secrecy,
  type Urgency,
} from '../../../shared/domain.ts';
import { foldVietnamese } from '../../../shared/fold.ts';

export function urgencyOptions(t: TFunction): { value: Urgency; label: string }[] {
  return urgencies.map((value) => ({ value, label: t(`common:urgency.${value}`) }));
}

export function secrecyOptions(t: TFunction): { value: Secrecy; label: string }[] {
  return secrecies.map((value) => ({ value, label: t(`common:secrecy.${value}`) }));
}

/** A type as a PDF or a person writes it ("QĐ", "qd", "Quyết định") → its key, if it is one of Appendix III. */
export function documentTypeKey(text: string): string | undefined {
  const folded = foldVietnamese(text.trim());
  return (findDocumentType(text) ?? documentTypes.find((type) => foldVietnamese(type.name) === folded))?.key;
}
