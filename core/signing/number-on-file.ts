// Where the store meets number-fill.ts: the draft's main file as issuing reads
// it, the record of the filled file, and what was found about the number on the
// file, kept in the `outgoing.issue` audit row (append-only, hash-chained) so
// that the clerk can be told, then and later, that a file does not carry its number.
import type { Core } from '../context.ts';
import { getBlobFacts, getBlobLayout, insertBlobRecord, type AttachmentRow } from '../db/attachments.ts';
import { auditRowsFor } from '../db/audit.ts';
import type { Db } from '../db/connection.ts';
import { READING_VERSION } from '../documents/pdf-text.ts';
import type { DraftFile, NumberOnFile } from './number-fill.ts';

/** What the `outgoing.issue` audit row records about the file (`detail.numberOnFile`). */
export interface NumberOnFileRecord extends NumberOnFile {
  /** The main file; null when the draft had none. */
  attachmentId: string | null;
  /**
   * The main file before and after issuing: equal when `outgoing.issue` drew nothing; after the
   * organization's signature issued the draft, the sealed file (with the number, if it was drawn).
   */
  sha256Before: string | null;
  sha256After: string | null;
}

/** A draft's main file with its stored layout and where that layout's text came from. */
export function draftFileOf(core: Core, attachment: AttachmentRow, bytes?: Uint8Array): DraftFile {
  const facts = getBlobFacts(core.db, attachment.sha256);
  return {
    bytes: bytes ?? core.blobs.read(attachment.sha256),
    layout: getBlobLayout(core.db, attachment.sha256, READING_VERSION),
    textSource: facts?.textSource ?? 'none',
  };
}

/**
 * The filled file has the pages, text and layout of the draft (the number is an annotation, not
 * page content); its first page now shows the số/ký hiệu, so that is what it prints.
 */
export function recordFilledBlob(
  db: Db,
  blob: { sha256: string; size: number; from: string; createdAt: string; printedNotation: string | null },
): void {
  const facts = getBlobFacts(db, blob.from);
  if (!facts) throw new Error(`blob ${blob.from} has no record`);
  insertBlobRecord(db, {
    ...facts,
    printedNotation: blob.printedNotation ?? facts.printedNotation,
    sha256: blob.sha256,
    size: blob.size,
    createdAt: blob.createdAt,
  });
}

/**
 * Whether an issued document's main file shows its number, as recorded when it was issued; null
 * for a document issued before this was recorded (or not issued at all).
 */
export function numberOnFileOf(db: Db, documentId: string): NumberOnFileRecord | null {
  const row = auditRowsFor(db, documentId)
    .filter((entry) => entry.action === 'outgoing.issue')
    .at(-1);
  if (!row) return null;
  const detail = JSON.parse(row.detail) as { numberOnFile?: NumberOnFileRecord };
  return detail.numberOnFile ?? null;
}
