// Batch signing: one PIN entry, then each selected document signed in turn.
// Per document every file is signed in memory, checked, written as a new blob,
// and only then swapped in by one transaction that also records the signature,
// the audit row and (for the organization's signature on a draft) the number.
// A token error stops the batch: documents before it are fully signed, the rest
// untouched; nothing is ever half-signed.
import type { ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { AppError, toErrorValue, type ErrorValue } from '../../shared/errors.ts';
import { foldVietnamese } from '../../shared/fold.ts';
import type { SignBatchResult, SignedDocumentView, SignKind } from '../../shared/signing.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import { checkPersonalSignature, requireRoleWhenOfficials } from '../workflow/roles.ts';
import type { Core } from '../context.ts';
import {
  getBlobLayout,
  insertDerivedBlobRecord,
  listAttachments,
  replaceAttachmentBlob,
  type AttachmentRow,
  type LayoutLine,
} from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import { getDocumentRow, type DocumentRow } from '../db/documents.ts';
import { getSetting, getSignatureImage, insertSignature, listSignatures } from '../db/signing.ts';
import { issueDraft, nextIssue } from '../documents/outgoing.ts';
import { fillNumberOnFile } from './number-fill.ts';
import { draftFileOf, recordFilledBlob, type NumberOnFileRecord } from './number-on-file.ts';
import { readLayout } from '../documents/pdf.ts';
import { READING_VERSION } from '../documents/pdf-text.ts';
import { requireOffice } from '../office/office.ts';
import { newId } from '../ids.ts';
import { buildCadesSignature, type CadesSignature } from './cms.ts';
import { checkSignedPdf } from './pades/self-check.ts';
import { appearanceParts, type AppearanceSpec, type Box } from './pades/appearance.ts';
import {
  imageInGap,
  MIN_LEGIBLE_HEIGHT,
  placeAppearance,
  signatureBlockIn,
  type UserPlacement,
} from './pades/placement.ts';
import { checkTransparentPng, pngPixelsPerInch } from './png-image.ts';
import { signPdf, type SignedPdf } from './pades/sign-pdf.ts';
import { requestTimestamp } from './timestamp.ts';
import type { TokenSigner } from './token-manager.ts';
import { tokenManager } from './token-runtime.ts';

export const TSA_SETTING = 'signing.tsaUrl';
const POINTS_PER_MM = 72 / 25.4;

interface PlannedFile {
  attachment: AttachmentRow;
  spec: AppearanceSpec;
}

interface Plan {
  document: DocumentRow;
  files: PlannedFile[];
  /** The number a draft will get from the organization's signature, checked again at commit. */
  issue: { issuedOn: string; notation: string; at: Date } | null;
}

export async function signDocuments(core: Core, input: ValidInput<'sign.documents'>): Promise<SignBatchResult> {
  const manager = tokenManager(core, input.modules);
  const certificate = await manager.findCertificate(input.certId, core.now());
  if (certificate.unusable)
    throw new AppError(certificate.unusable, `${certificate.certificate.subject} (${certificate.id})`);
  const signerName = certificate.certificate.commonName ?? certificate.certificate.subject;
  // Every document is checked before the PIN is asked for: a batch never stops on something knowable up front.
  const documents = input.ids.map((id) => checkSignable(core, id, input.as, signerName));
  if (input.as === 'personal' && !input.placement) await checkRoom(core, documents, signerName);
  const timestamps = new TimestampSource(getSetting<string>(core.db, TSA_SETTING) ?? null);
  const signer = await manager.openSigner(certificate, input.pin, { confirmFinalTry: input.confirmFinalTry });
  const result: SignBatchResult = { signed: [], stoppedAt: null, untouched: [], warnings: [] };
  // Document k is written to disk and committed while document k+1 is being signed: the
  // fsyncs overlap the token's work. Commits still happen one by one, in order.
  let committing: Promise<void> = Promise.resolve();
  let stopped: { documentId: string; error: ErrorValue } | null = null;
  try {
    for (const [index, { id }] of documents.entries()) {
      // A draft's number is only known once the one before it is committed.
      if (input.as === 'organization') await committing;
      if (stopped) break;
      let prepared: PreparedDocument;
      try {
        // Read again: the document may have changed since the batch was checked (another window signed it).
        const document = checkSignable(core, id, input.as, signerName);
        prepared = await prepareDocument(
          core,
          planDocument(core, document, input.as, signer, core.now()),
          input,
          signer,
          timestamps,
        );
      } catch (error) {
        await committing;
        stopped ??= { documentId: id, error: toErrorValue(error) };
        break;
      }
      committing = committing.then(async () => {
        if (stopped) return;
        let signed: SignedDocumentView;
        try {
          signed = await commitDocument(core, prepared, input.as, signer);
        } catch (error) {
          stopped = { documentId: id, error: toErrorValue(error) };
          return;
        }
        result.signed.push(signed);
        if (prepared.numberOnFile?.note) result.warnings.push(`${signed.notation}: ${prepared.numberOnFile.note}`);
        core.emit({
          type: 'sign.progress',
          index: index + 1,
          total: documents.length,
          documentId: id,
          notation: signed.notation,
        });
      });
    }
    await committing;
  } finally {
    await signer.close();
  }
  result.stoppedAt = stopped;
  result.warnings.push(...timestamps.warnings);
  const done = new Set(result.signed.map((signed) => signed.documentId));
  result.untouched = documents.map((row) => row.id).filter((id) => !done.has(id) && id !== stopped?.documentId);
  return result;
}

/**
 * The document as it is now, if this signature may go on it: an outgoing document with a main PDF;
 * the organization signs after a personal signature, once; the signer has a signature image.
 */
function checkSignable(core: Core, id: string, kind: SignKind, signerName: string): DocumentRow {
  const row = getDocumentRow(core.db, id);
  if (!row) throw new AppError('DOCUMENT_NOT_FOUND', id);
  if (row.direction !== 'outgoing') throw new AppError('SIGN_NOT_ALLOWED', `${row.id} is ${row.direction}`);
  const main = listAttachments(core.db, row.id).find((attachment) => attachment.role === 'main');
  if (!main) throw new AppError('SIGN_NOT_ALLOWED', `${row.id} has no main PDF`);
  const signatures = listSignatures(core.db, row.id);
  // The organization signs last and once, after the competent person (Decree 30, Art. 32-33).
  if (signatures.some((signature) => signature.kind === 'organization'))
    throw new AppError('SIGN_ORDER', `${row.id} already carries the organization signature`);
  if (
    kind === 'organization' &&
    !signatures.some((signature) => signature.kind === 'personal' && signature.attachmentId === main.id)
  ) {
    throw new AppError('SIGN_ORDER', `${row.id} has no personal signature yet`);
  }
  if (kind === 'personal') checkPersonalSignature(core, row.id);
  else requireRoleWhenOfficials(core, 'clerk', 'organization signature');
  if (kind === 'personal') requireImage(core, signerImageOwner(signerName), 'signature');
  else requireImage(core, 'agency', 'seal');
  return row;
}

/** Only the certificate holder's own handwritten signature is ever drawn: a deputy never gets the chairman's. */
function signerImageOwner(certificateName: string): string {
  return `user:${foldVietnamese(certificateName)}`;
}

function requireImage(core: Core, owner: string, kind: 'signature' | 'seal') {
  const image = getSignatureImage(core.db, owner);
  if (image?.kind !== kind) throw new AppError('SIGN_IMAGE_MISSING', `${kind} image for ${owner}`);
  return image;
}

/**
 * The configured TSA, asked once per signature until it fails; after that the batch goes on
 * without timestamps (PAdES B-B) instead of waiting for a dead server on every document.
 */
class TimestampSource {
  readonly warnings: string[] = [];
  private url: string | null;

  constructor(url: string | null) {
    this.url = url;
  }

  get configured(): boolean {
    return this.url !== null;
  }

  async stamp(signatureValue: Uint8Array): Promise<{ token: Uint8Array; genTime: string } | null> {
    if (!this.url) return null;
    const result = await requestTimestamp(this.url, signatureValue);
    if (result.ok) return result;
    this.url = null;
    this.warnings.push(
      `Không lấy được dấu thời gian (${result.reason}); các chữ ký từ văn bản này trở đi ở mức PAdES B-B, không có dấu thời gian.`,
    );
    return null;
  }
}

function planDocument(core: Core, document: DocumentRow, kind: SignKind, signer: TokenSigner, now: Date): Plan {
  const attachments = listAttachments(core.db, document.id);
  const main = attachments.find((attachment) => attachment.role === 'main')!;
  const signerName = signer.certificate.certificate.commonName ?? signer.certificate.certificate.subject;
  if (kind === 'personal') {
    const image = requireImage(core, signerImageOwner(signerName), 'signature');
    return {
      document,
      issue: null,
      files: [{ attachment: main, spec: { kind: 'personal', image: image.png, signerName, time: now } }],
    };
  }
  const office = requireOffice(core.db);
  const seal = requireImage(core, 'agency', 'seal');
  const issuedOn = localDate(now);
  const issue =
    document.state === 'draft' ? { issuedOn, notation: nextIssue(core, document, issuedOn).notation, at: now } : null;
  const notation = issue?.notation ?? document.notation;
  const sealSizePt = (seal.sizeMm ?? 36) * POINTS_PER_MM;
  // Appendices in separate files get the organization's signature without the seal (Decree 30 Appendix I, 8b).
  const files: PlannedFile[] = attachments.map((attachment) => ({
    attachment,
    spec:
      attachment.role === 'main'
        ? { kind: 'organization', seal: seal.png, sealSizePt, agencyName: office.name, time: now }
        : { kind: 'appendix', agencyName: office.name, notation, time: now },
  }));
  return { document, issue, files };
}

interface PreparedDocument {
  plan: Plan;
  outputs: {
    file: PlannedFile;
    before: string;
    signed: SignedPdf;
    level: 'B-B' | 'B-T';
    timestampAt: string | null;
    fieldName: string;
  }[];
  /** For a draft the organization's signature issues: whether its main file now shows the number. */
  numberOnFile: NumberOnFileRecord | null;
}

/** Signs every file of the document in memory and checks each result; nothing is written yet. */
async function prepareDocument(
  core: Core,
  plan: Plan,
  input: ValidInput<'sign.documents'>,
  signer: TokenSigner,
  timestamps: TimestampSource,
): Promise<PreparedDocument> {
  const outputs: PreparedDocument['outputs'] = [];
  let numberOnFile: NumberOnFileRecord | null = null;
  for (const file of plan.files) {
    let original = core.blobs.read(file.attachment.sha256);
    const fieldName = `${input.as === 'personal' ? 'ChuKyCaNhan' : 'ChuKyCoQuan'}${countSignatureDictionaries(original) + 1}`;
    const layout = await storedLayout(core, file.attachment.sha256, original);
    if (plan.issue && file.attachment.role === 'main') {
      // The number goes onto the file in an update of its own, before the seal covers it: the
      // chairman's signature then sees an update that only filled the number in (verify-pdf.ts).
      const filled = await fillNumberOnFile(draftFileOf(core, file.attachment, original), plan.issue, plan.issue.at);
      numberOnFile = {
        ...filled.outcome,
        attachmentId: file.attachment.id,
        sha256Before: file.attachment.sha256,
        sha256After: null,
      };
      if (filled.bytes) original = Buffer.from(filled.bytes.buffer, filled.bytes.byteOffset, filled.bytes.length);
    }
    const signerImage =
      file.spec.kind === 'organization' ? personalImageBox(core, plan.document.id, file.attachment.id) : null;
    const user: UserPlacement | null = file.attachment.role === 'main' ? (input.placement ?? null) : null;
    let timestampAt: string | null = null;
    let cms: CadesSignature | null = null;
    const signed = await signPdf(
      original,
      {
        subFilter: 'ETSI.CAdES.detached',
        fieldName,
        signingTime: file.spec.time,
        reason: plan.issue
          ? `Số, ký hiệu: ${plan.issue.notation}`
          : plan.document.notation
            ? `Số, ký hiệu: ${plan.document.notation}`
            : null,
        signerName: signer.certificate.certificate.commonName,
        appearance: file.spec,
        place: (pageSizes, parts) =>
          placeAppearance(
            {
              spec: file.spec,
              user,
              layout,
              signerName: plan.document.signerName ?? signer.certificate.certificate.commonName,
              signerImage,
              drawn: drawnBoxes(core, plan.document.id, file.attachment.id),
            },
            pageSizes,
            parts,
          ),
      },
      async (digest) => {
        cms = await buildCadesSignature({
          contentDigest: digest,
          signerDer: signer.certificate.der,
          chainDers: signer.certificate.chain,
          keyType: signer.key.keyType,
          sign: (toBeSigned) => signer.sign(toBeSigned),
          ...(timestamps.configured
            ? {
                timestamp: async (signatureValue: Uint8Array) => {
                  const stamp = await timestamps.stamp(signatureValue);
                  timestampAt = stamp?.genTime ?? null;
                  return stamp?.token ?? null;
                },
              }
            : {}),
        });
        return cms.der;
      },
    );
    checkSignedPdf(signed.bytes, signed.byteRange, signed.digest, cms!, signer.certificate.der);
    outputs.push({
      file,
      before: file.attachment.sha256,
      signed,
      level: timestampAt ? 'B-T' : 'B-B',
      timestampAt,
      fieldName,
    });
  }

  const filled = numberOnFile;
  if (filled?.attachmentId) {
    filled.sha256After =
      outputs.find((output) => output.file.attachment.id === filled.attachmentId)?.signed.sha256 ?? null;
  }
  return { plan, outputs, numberOnFile };
}

/** Writes the signed files durably, then swaps them in with the signature and audit rows in one transaction. */
async function commitDocument(
  core: Core,
  { plan, outputs, numberOnFile }: PreparedDocument,
  kind: SignKind,
  signer: TokenSigner,
): Promise<SignedDocumentView> {
  const certificate = signer.certificate.certificate;
  for (const output of outputs) await core.blobs.putAsync(output.signed.bytes, output.signed.sha256);
  const now = core.now();
  const stamp = now.toISOString();
  return writeTransaction(core.db, () => {
    let document = getDocumentRow(core.db, plan.document.id)!;
    // Checked again under the write lock: two batches may have raced to the same document.
    if (
      kind === 'organization' &&
      listSignatures(core.db, document.id).some((signature) => signature.kind === 'organization')
    ) {
      throw new AppError('SIGN_ORDER', `${document.id} was given the organization signature meanwhile`);
    }
    if (plan.issue) {
      if (
        document.state !== 'draft' ||
        nextIssue(core, document, plan.issue.issuedOn).notation !== plan.issue.notation
      ) {
        throw new AppError('SIGN_NUMBER_TAKEN', `${document.id}: ${plan.issue.notation}`);
      }
      // The organization signs the main file too (checkSignable): its number was looked for there.
      if (!numberOnFile) throw new AppError('INTERNAL', `${document.id}: issued without its main file`);
      document = issueDraft(core, document, plan.issue.issuedOn, now, numberOnFile);
    }
    const files: SignedDocumentView['files'] = [];
    for (const { file, before, signed, level, timestampAt, fieldName } of outputs) {
      // A signature adds an annotation, not page content: the text and its layout are those of the unsigned file.
      const filledIn = plan.issue && numberOnFile?.attachmentId === file.attachment.id ? numberOnFile : null;
      if (filledIn?.number === 'written') {
        recordFilledBlob(core.db, {
          sha256: signed.sha256,
          size: signed.bytes.length,
          from: before,
          createdAt: stamp,
          printedNotation: plan.issue!.notation,
        });
      } else {
        insertDerivedBlobRecord(core.db, {
          sha256: signed.sha256,
          size: signed.bytes.length,
          from: before,
          createdAt: stamp,
        });
      }
      const signatureId = newId(now.getTime());
      const swapped = replaceAttachmentBlob(core.db, {
        attachmentId: file.attachment.id,
        oldSha256: before,
        newSha256: signed.sha256,
        newSize: signed.bytes.length,
        replacedAt: stamp,
        replacedBy: signatureId,
      });
      // Someone replaced the file while it was being signed: keep theirs, sign again later.
      if (!swapped) throw new AppError('SIGN_FILE_CHANGED', `${file.attachment.id} changed during signing`);
      insertSignature(core.db, {
        id: signatureId,
        documentId: document.id,
        attachmentId: file.attachment.id,
        kind,
        fieldName,
        signerName: certificate.commonName,
        signerSubject: certificate.subject,
        signerIssuer: certificate.issuer,
        signerSerial: certificate.serialHex,
        certificateSha256: certificate.sha256,
        signedAt: file.spec.time.toISOString(),
        level,
        timestampAt,
        blobBefore: before,
        blobAfter: signed.sha256,
        page: signed.pageIndex + 1,
        box: JSON.stringify(signed.box),
        imageBox: signed.imageBox ? JSON.stringify(signed.imageBox) : null,
        createdAt: stamp,
      });
      appendAudit(
        core.db,
        {
          ...actedBy(core),
          action: 'document.sign',
          entity: 'document',
          entityId: document.id,
          detail: {
            kind,
            attachment: file.attachment.id,
            filename: file.attachment.filename,
            signer: certificate.subject,
            certificate: certificate.sha256,
            level,
            sha256Before: before,
            sha256After: signed.sha256,
          },
        },
        now,
      );
      files.push({
        attachmentId: file.attachment.id,
        filename: file.attachment.filename,
        sha256Before: before,
        sha256After: signed.sha256,
      });
    }
    return {
      documentId: document.id,
      notation: document.notation,
      kind,
      level: outputs.every((output) => output.level === 'B-T') ? 'B-T' : 'B-B',
      files,
    };
  });
}

/** How many signature dictionaries the file holds, to name the next field; a byte scan, no parse. */
function countSignatureDictionaries(pdf: Buffer): number {
  let count = 0;
  for (let at = pdf.indexOf('/ByteRange'); at !== -1; at = pdf.indexOf('/ByteRange', at + 10)) count++;
  return count;
}

/** The file's stored layout, or, for a file stored before layouts were kept, read now. */
async function storedLayout(core: Core, sha256: string, bytes?: Uint8Array): Promise<LayoutLine[]> {
  return getBlobLayout(core.db, sha256, READING_VERSION) ?? (await readLayout(bytes ?? core.blobs.read(sha256)));
}

/** What earlier signatures drew on the file: a new caption must not cover them. */
function drawnBoxes(core: Core, documentId: string, attachmentId: string): { pageIndex: number; box: Box }[] {
  return listSignatures(core.db, documentId)
    .filter((signature) => signature.attachmentId === attachmentId)
    .map((signature) => ({ pageIndex: signature.page - 1, box: JSON.parse(signature.box) as Box }));
}

/**
 * Before the PIN is asked for: a personal signature must fit, legibly, between the title and the
 * printed name of every letter in the batch, unless the signer picked the place.
 */
async function checkRoom(core: Core, documents: DocumentRow[], signerName: string): Promise<void> {
  const image = requireImage(core, signerImageOwner(signerName), 'signature');
  const parts = appearanceParts(
    { kind: 'personal', image: image.png, signerName, time: core.now() },
    { ...checkTransparentPng(image.png), pixelsPerInch: pngPixelsPerInch(image.png) },
  );
  for (const document of documents) {
    const main = listAttachments(core.db, document.id).find((attachment) => attachment.role === 'main')!;
    const block = signatureBlockIn(await storedLayout(core, main.sha256), document.signerName ?? signerName);
    if (!block || !parts.image) continue;
    const drawn = imageInGap(parts.image, block);
    if (drawn.height < MIN_LEGIBLE_HEIGHT) {
      throw new AppError(
        'SIGN_NO_ROOM',
        // The document's id first: the window names the letter from it.
        `${document.id} (${document.notation ?? 'draft'}): ${(drawn.gap / POINTS_PER_MM).toFixed(1)} mm between the title and the name on page ${block.pageIndex + 1}`,
      );
    }
  }
}

/** Where the chairman's signature image sits, for the seal to overlap its left third. */
function personalImageBox(
  core: Core,
  documentId: string,
  attachmentId: string,
): { pageIndex: number; box: Box } | null {
  const personal = listSignatures(core.db, documentId)
    .filter(
      (signature) => signature.kind === 'personal' && signature.attachmentId === attachmentId && signature.imageBox,
    )
    .at(-1);
  return personal ? { pageIndex: personal.page - 1, box: JSON.parse(personal.imageBox!) as Box } : null;
}
