// The signing handlers of the API table: tokens, verification, trust store,
// revocation lists and signing settings. Batch signing is in sign-documents.ts.
import path from 'node:path';
import type { Outputs, SettingsView, ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import { foldVietnamese } from '../../shared/fold.ts';
import type { SignatureVerdict } from '../../shared/signing.ts';
import type { Core } from '../context.ts';
import { listAttachments } from '../db/attachments.ts';
import { writeTransaction } from '../db/connection.ts';
import {
  getSetting,
  listSignatureImages,
  listSignatures,
  putSetting,
  putSignatureCheck,
  putSignatureImage,
} from '../db/signing.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import { readLocalFile } from '../documents/attachment-files.ts';
import { sha256Of } from '../documents/blob-store.ts';
import { requireDocument } from '../documents/require-document.ts';
import { CrlCache, readCrl } from './crl-cache.ts';
import { checkTransparentPng } from './png-image.ts';
import { TSA_SETTING } from './sign-documents.ts';
import { MODULES_SETTING, tokenManager } from './token-runtime.ts';
import { TrustStore } from './trust-store.ts';
import { verifyPdf } from './verify-pdf.ts';

export function trustStore(core: Core): TrustStore {
  return new TrustStore(path.join(core.dataDir, 'trust'));
}

export function crlCache(core: Core): CrlCache {
  return new CrlCache(path.join(core.dataDir, 'crl'));
}

export async function listModules(core: Core, input: ValidInput<'tokens.modules'>): Promise<Outputs['tokens.modules']> {
  return { modules: await tokenManager(core, input.modules).modules() };
}

export async function listTokens(core: Core, input: ValidInput<'tokens.list'>): Promise<Outputs['tokens.list']> {
  return { tokens: await tokenManager(core, input.modules).tokens() };
}

/** Signing certificates on the plugged tokens; with `all`, also those that cannot sign, with the reason. */
export async function listCertificates(
  core: Core,
  input: ValidInput<'tokens.certificates'>,
): Promise<Outputs['tokens.certificates']> {
  const certificates = await tokenManager(core, input.modules).certificates(core.now());
  return {
    certificates: certificates
      .filter((entry) => input.all || entry.unusable === null)
      .map(({ id, module, tokenLabel, keyId, certificate, unusable, keyVisible }) => ({
        id,
        module,
        tokenLabel,
        keyId,
        certificate,
        unusable,
        keyVisible,
      })),
  };
}

export async function verifyFile(core: Core, input: { path: string; online: boolean }): Promise<Outputs['verify']> {
  const bytes = readLocalFile(input.path);
  const signatures = await verify(core, bytes, input.online);
  const file = { attachmentId: null, filename: path.basename(input.path), sha256: sha256Of(bytes), signatures };
  return { path: input.path, documentId: null, signatures, files: [file], signed: [] };
}

/** Verifies each file of a document and keeps the result beside it, for the document view. */
export async function verifyDocument(core: Core, input: { id: string; online: boolean }): Promise<Outputs['verify']> {
  const document = requireDocument(core.db, input.id);
  const files: { attachmentId: string; filename: string; sha256: string; signatures: SignatureVerdict[] }[] = [];
  const attachments = listAttachments(core.db, document.id);
  for (const attachment of attachments) {
    const signatures = await verify(core, core.blobs.read(attachment.sha256), input.online);
    files.push({ attachmentId: attachment.id, filename: attachment.filename, sha256: attachment.sha256, signatures });
  }
  const checkedAt = core.now().toISOString();
  writeTransaction(core.db, () => {
    for (const file of files)
      putSignatureCheck(core.db, {
        attachmentId: file.attachmentId,
        sha256: file.sha256,
        checkedAt,
        verdicts: JSON.stringify(file.signatures),
      });
  });
  const signed = listSignatures(core.db, document.id).map(
    ({ id, attachmentId, kind, signerName, signerSubject, certificateSha256, signedAt, level, page }) => ({
      id,
      attachmentId,
      kind,
      signerName,
      signerSubject,
      certificateSha256,
      signedAt,
      level,
      page,
    }),
  );
  const main = files.find(
    (file) => attachments.find((attachment) => attachment.id === file.attachmentId)?.role === 'main',
  );
  return { path: null, documentId: document.id, signatures: main?.signatures ?? [], files, signed };
}

function verify(core: Core, bytes: Uint8Array, online: boolean): Promise<SignatureVerdict[]> {
  return verifyPdf(bytes, { trust: trustStore(core), crls: crlCache(core), now: core.now(), online });
}

export function addTrust(core: Core, input: ValidInput<'trust.add'>): Outputs['trust.add'] {
  const added = trustStore(core).add(readUpload(input));
  audit(core, 'trust.add', { certificates: added.map((entry) => ({ subject: entry.subject, sha256: entry.sha256 })) });
  return { added };
}

export function listTrust(core: Core): Outputs['trust.list'] {
  return { certificates: trustStore(core).list() };
}

export function removeTrust(core: Core, input: ValidInput<'trust.remove'>): Outputs['trust.remove'] {
  const removed = trustStore(core).remove(input.sha256);
  audit(core, 'trust.remove', { subject: removed.subject, sha256: removed.sha256 });
  return { removed };
}

export function importCrl(core: Core, input: ValidInput<'crl.import'>): Outputs['crl.import'] {
  const bytes = readLocalFile(input.path);
  const parsed = readCrl(bytes);
  crlCache(core).importCrl(bytes, input.url);
  return { url: input.url ?? parsed.issuer, thisUpdate: parsed.thisUpdate, nextUpdate: parsed.nextUpdate };
}

export function getSettings(core: Core): SettingsView {
  return {
    tsaUrl: getSetting<string>(core.db, TSA_SETTING) ?? null,
    modules: getSetting<string[]>(core.db, MODULES_SETTING) ?? [],
    images: listSignatureImages(core.db),
  };
}

export function updateSettings(core: Core, input: ValidInput<'settings.update'>): SettingsView {
  const at = core.now().toISOString();
  writeTransaction(core.db, () => {
    if (input.tsaUrl !== undefined) putSetting(core.db, TSA_SETTING, input.tsaUrl, at);
    if (input.modules !== undefined) putSetting(core.db, MODULES_SETTING, input.modules, at);
    appendAudit(
      core.db,
      { ...actedBy(core), action: 'settings.update', entity: 'settings', entityId: 'signing', detail: input },
      core.now(),
    );
  });
  return getSettings(core);
}

/** The handwritten signature of one signer (by name) or the agency's seal. */
export function setSignatureImage(core: Core, input: ValidInput<'settings.signatureImage'>): SettingsView {
  if (input.kind === 'signature' && !input.signerName) {
    throw new AppError('INPUT_INVALID', 'signerName is required for a signature image', {
      fields: { signerName: 'Nhập họ tên người ký' },
    });
  }
  const png = readUpload(input);
  const { width, height } = checkTransparentPng(png);
  const owner = input.kind === 'seal' ? 'agency' : `user:${foldVietnamese(input.signerName!)}`;
  const at = core.now().toISOString();
  writeTransaction(core.db, () => {
    putSignatureImage(core.db, {
      owner,
      kind: input.kind,
      png: Buffer.from(png),
      widthPx: width,
      heightPx: height,
      sizeMm: input.kind === 'seal' ? (input.sizeMm ?? 36) : null,
      updatedAt: at,
    });
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'settings.signatureImage',
        entity: 'settings',
        entityId: owner,
        detail: { kind: input.kind, sha256: sha256Of(png) },
      },
      core.now(),
    );
  });
  return getSettings(core);
}

/** A file chosen by path (CLI, Electron) or uploaded as bytes (browser mode). */
function readUpload(file: { path: string } | { base64: string }): Buffer {
  return 'path' in file ? readLocalFile(file.path) : Buffer.from(file.base64, 'base64');
}

function audit(core: Core, action: string, detail: Record<string, unknown>): void {
  writeTransaction(core.db, () =>
    appendAudit(core.db, { ...actedBy(core), action, entity: 'trust', entityId: 'trust-store', detail }, core.now()),
  );
}
