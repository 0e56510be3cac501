import type { PrefillView, ValidInput } from '../../shared/api.ts';
import type { Core } from '../context.ts';
import { documentsByDedupeKeys } from '../db/register-list.ts';
import { findAgencyByName } from '../office/agencies.ts';
import { readFileInput } from './attachment-files.ts';
import { duplicateKey } from './incoming.ts';
import { readLetterHeader } from './letter-header.ts';
import { inspectPdf } from './pdf.ts';
import { readFirstPageText } from './pdf-first-page.ts';

/**
 * What the clerk would otherwise retype from a received PDF: số/ký hiệu, date,
 * issuer, type and trích yếu, read from its text layer, and the documents
 * already registered under the same issuer, số/ký hiệu and date. Nothing is
 * stored; a scan without text simply pre-fills nothing.
 */
export async function prefillIncoming(core: Core, input: ValidInput<'incoming.prefill'>): Promise<PrefillView> {
  const { bytes } = readFileInput(input.file);
  const facts = await inspectPdf(bytes);
  if (facts.text.trim() === '') {
    return {
      notation: null,
      issuedOn: null,
      issuerName: null,
      issuerCode: null,
      type: null,
      subject: null,
      pageCount: facts.pageCount,
      hasText: false,
      duplicates: [],
    };
  }
  const header = readLetterHeader(await readFirstPageText(bytes));
  // The directory's spelling wins when the header names a known agency, whether
  // the header wrote it on one line or split under its parent agency.
  const candidates = [header.issuer, header.parent && header.issuer && `${header.parent} ${header.issuer}`].filter(
    (name): name is string => Boolean(name),
  );
  const agency = candidates.map((name) => findAgencyByName(core, name)).find((found) => found !== null) ?? null;
  const issuerName = agency?.name ?? header.issuer;
  const names = [...new Set([issuerName, ...candidates].filter((name): name is string => name !== null))];
  const keys =
    header.notation && header.issuedOn
      ? names.map((name) => duplicateKey(name, header.notation!, header.issuedOn!))
      : [];
  return {
    notation: header.notation,
    issuedOn: header.issuedOn,
    issuerName,
    issuerCode: agency?.code ?? null,
    type: header.type?.key ?? null,
    subject: header.subject,
    pageCount: facts.pageCount,
    hasText: true,
    duplicates: documentsByDedupeKeys(core.db, keys),
  };
}
