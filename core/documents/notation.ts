import type { DocumentType } from '../../shared/domain.ts';

/** Numbers below 10 are written with a leading zero: "Số: 05" (Decree 30, Appendix I §3). */
export function formatDocumentNumber(number: number): string {
  return String(number).padStart(2, '0');
}

/**
 * Số, ký hiệu of an outgoing document (Decree 30, Appendix I §3): number "/"
 * then abbreviations joined by "-" with no spaces. A công văn has no type
 * abbreviation: organisation then drafting unit, as in 15/UBND-VP.
 */
export function outgoingNotation(options: {
  number: number;
  type: DocumentType;
  organisation: string;
  draftingUnit: string;
}): string {
  const parts =
    options.type.abbreviation === null
      ? [options.organisation, options.draftingUnit]
      : [options.type.abbreviation, options.organisation];
  return `${formatDocumentNumber(options.number)}/${parts.map(compactAbbreviation).join('-')}`;
}

function compactAbbreviation(part: string): string {
  return part.normalize('NFC').replace(/\s+/g, '');
}

/** Canonical form of a notation typed by hand: NFC, no spaces around "/" and "-". */
export function normalizeWrittenNotation(written: string): string {
  return written
    .normalize('NFC')
    .trim()
    .replace(/\s*([/-])\s*/g, '$1')
    .replace(/\s+/g, ' ');
}
