// The chairman signs, then the commune: both signatures hold for poppler and
// for vanthu, in the look Decree 30/2020 prescribes, and the register records it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLayout } from '../../core/documents/pdf.ts';
import { signatureBlockIn } from '../../core/signing/pades/placement.ts';
import { printDecisionPdf } from '../../scripts/lib/chromium-pdf.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { signWithPdfsig } from '../../scripts/lib/test-pki.ts';
import {
  certificateOf,
  draftDecision,
  inkIn,
  pdfsig,
  qpdfCheck,
  rejection,
  signingOffice,
  useTokenLab,
} from '../helpers/signing.ts';
import { tempDir } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';

const lab = useTokenLab();
// Printing takes Chromium a few seconds: print once, sign many copies.
let printed: { plain: Buffer; objectStreams: Buffer } | undefined;
function decision() {
  printed ??= { plain: printDecisionPdf(), objectStreams: printDecisionPdf({ objectStreams: true }) };
  return printed;
}

describe("signing a decision with the chairman's and the commune's tokens", () => {
  it("keeps the chairman's signature valid after the commune signs a Chromium PDF with object streams", async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const original = decision().objectStreams;
    expect(original.toString('latin1')).toMatch(/\/Type\s*\/ObjStm/);
    expect(original.toString('latin1')).toMatch(/\/Type\s*\/XRef/);
    const id = await draftDecision(office, original, dir);
    const chairman = await certificateOf(office, lab(), 'personal');
    const commune = await certificateOf(office, lab(), 'organization');

    const personal = await office.call('sign.documents', {
      ids: [id],
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
    });
    expect(personal.stoppedAt).toBeNull();
    expect(personal.signed[0]?.notation).toBeNull();
    const organization = await office.call('sign.documents', {
      ids: [id],
      certId: commune.id,
      as: 'organization',
      pin: lab().tokens.tokens.organization.pin,
      modules: [lab().tokens.module],
    });
    expect(organization.stoppedAt).toBeNull();
    // The commune's signature is the step that gives the draft its number.
    expect(organization.signed[0]?.notation).toBe('01/QĐ-UBND');

    const document = await office.call('documents.get', { id });
    expect(document.state).toBe('issued');
    const main = document.attachments[0]!;
    const out = path.join(dir, 'signed.pdf');
    await office.call('attachments.export', { documentId: id, attachmentId: main.id, out });
    const signed = fs.readFileSync(out);
    // Incremental updates only: the printed file is an untouched prefix of the signed one.
    expect(signed.subarray(0, original.length).equals(original)).toBe(true);

    const poppler = pdfsig(out, lab().nssDir);
    expect(poppler).toHaveLength(2);
    expect(poppler.map((signature) => signature.valid)).toEqual([true, true]);
    expect(poppler.map((signature) => signature.totalDocument)).toEqual([false, true]);
    expect(poppler[0]!.text).toContain('Nguyễn Văn An');
    expect(poppler[1]!.text).toContain('UBND xã Quảng Phú');
    expect(poppler.every((signature) => signature.text.includes('ETSI.CAdES.detached'))).toBe(true);
    expect(qpdfCheck(out).ok).toBe(true);

    const verdict = await office.call('verify', { path: out, online: false });
    expect(verdict.signatures.map((signature) => [signature.status, signature.coversWholeFile])).toEqual([
      ['valid', false],
      ['valid', true],
    ]);
    expect(verdict.signatures[0]!.changesAfter).toMatchObject({ laterSignatures: 1, otherRevisions: 0 });
    const stored = await office.call('verify', { id, online: false });
    expect(stored.signatures.map((signature) => signature.status)).toEqual(['valid', 'valid']);
    expect(stored.signed.map((signature) => signature.kind)).toEqual(['personal', 'organization']);

    // Every earlier state is kept: the printed draft and the chairman-signed version.
    const versions = office.core.db
      .prepare('SELECT sha256 FROM attachment_versions WHERE attachment_id = ? ORDER BY version')
      .all(main.id) as { sha256: string }[];
    expect(versions).toHaveLength(2);
    expect(office.core.blobs.read(versions[0]!.sha256).equals(original)).toBe(true);
    const actions = (await office.call('documents.history', { id })).entries.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'document.sign')).toHaveLength(2);
    expect(actions).toContain('outgoing.issue');
  });

  it('shows the signature image between the title and the name, and the red seal over its left third', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const id = await draftDecision(office, decision().plain, dir);
    const chairman = await certificateOf(office, lab(), 'personal');
    const commune = await certificateOf(office, lab(), 'organization');
    await office.call('sign.documents', {
      ids: [id],
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
    });
    const unsignedOut = path.join(dir, 'unsigned.pdf');
    fs.writeFileSync(unsignedOut, decision().plain);
    const [personal] = office.core.db
      .prepare("SELECT page, box, image_box AS imageBox FROM signatures WHERE kind = 'personal'")
      .all() as { page: number; box: string; imageBox: string }[];
    const imageBox = JSON.parse(personal!.imageBox) as { x: number; y: number; width: number; height: number };
    // Blank before signing; the blue signature after.
    expect(inkIn(unsignedOut, personal!.page, imageBox).any).toBe(0);
    const afterPersonal = path.join(dir, 'personal.pdf');
    const attachment = (await office.call('documents.get', { id })).attachments[0]!;
    await office.call('attachments.export', { documentId: id, attachmentId: attachment.id, out: afterPersonal });
    expect(inkIn(afterPersonal, personal!.page, imageBox).blue).toBeGreaterThan(50);

    // The image sits between "CHỦ TỊCH" and the printed name, horizontally centred on the name.
    const block = signatureBlockIn(await readLayout(decision().plain), 'Nguyễn Văn An');
    expect(block).not.toBeNull();
    expect(imageBox.y).toBeGreaterThan(block!.name.y + block!.name.height - 1);
    expect(imageBox.y + imageBox.height).toBeLessThan(block!.titleBottom! + 1);
    expect(Math.abs(imageBox.x + imageBox.width / 2 - (block!.name.x + block!.name.width / 2))).toBeLessThan(2);

    await office.call('sign.documents', {
      ids: [id],
      certId: commune.id,
      as: 'organization',
      pin: lab().tokens.tokens.organization.pin,
      modules: [lab().tokens.module],
    });
    const [seal] = office.core.db
      .prepare("SELECT image_box AS imageBox FROM signatures WHERE kind = 'organization'")
      .all() as { imageBox: string }[];
    const sealBox = JSON.parse(seal!.imageBox) as { x: number; y: number; width: number; height: number };
    // 36 mm at true size, its right edge a third of the way into the signature image.
    expect(sealBox.width).toBeCloseTo((36 * 72) / 25.4, 1);
    expect(sealBox.x + sealBox.width).toBeCloseTo(imageBox.x + imageBox.width / 3, 0);
    const afterSeal = path.join(dir, 'sealed.pdf');
    await office.call('attachments.export', { documentId: id, attachmentId: attachment.id, out: afterSeal });
    expect(inkIn(afterSeal, personal!.page, sealBox).red).toBeGreaterThan(200);
  });

  it('keeps a third-party signature valid when the commune signs on top of it', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const plain = path.join(dir, 'plain.pdf');
    const foreign = path.join(dir, 'foreign.pdf');
    fs.writeFileSync(plain, decision().objectStreams);
    await signWithPdfsig(lab().ca, plain, foreign, { etsi: true });
    const foreignBytes = fs.readFileSync(foreign);
    const id = await draftDecision(office, foreignBytes, dir, 'co-chu-ky.pdf');
    const chairman = await certificateOf(office, lab(), 'personal');
    const commune = await certificateOf(office, lab(), 'organization');
    await office.call('sign.documents', {
      ids: [id],
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
    });
    await office.call('sign.documents', {
      ids: [id],
      certId: commune.id,
      as: 'organization',
      pin: lab().tokens.tokens.organization.pin,
      modules: [lab().tokens.module],
    });
    const attachment = (await office.call('documents.get', { id })).attachments[0]!;
    const out = path.join(dir, 'signed.pdf');
    await office.call('attachments.export', { documentId: id, attachmentId: attachment.id, out });

    const poppler = pdfsig(out, lab().nssDir);
    expect(poppler.map((signature) => signature.valid)).toEqual([true, true, true]);
    expect(poppler.map((signature) => signature.totalDocument)).toEqual([false, false, true]);
    expect(qpdfCheck(out).ok).toBe(true);
    const verdict = await office.call('verify', { path: out, online: false });
    expect(verdict.signatures.map((signature) => signature.status)).toEqual(['valid', 'valid', 'valid']);
    expect(verdict.signatures[0]!.signer?.commonName).toBe('Trần Thị Bình');
  });

  it('signs with an ECDSA key: the raw r||s from the token becomes a DER signature poppler accepts', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    await office.call('settings.signatureImage', {
      path: lab().signaturePath,
      kind: 'signature',
      signerName: 'Nguyễn Văn An (ECDSA)',
    });
    const id = await draftDecision(office, decision().plain, dir);
    const ecdsa = await certificateOf(office, lab(), 'personal', '04');
    expect(ecdsa.certificate.keyAlgorithm).toBe('ec');
    const result = await office.call('sign.documents', {
      ids: [id],
      certId: ecdsa.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
    });
    expect(result.stoppedAt).toBeNull();
    const attachment = (await office.call('documents.get', { id })).attachments[0]!;
    const out = path.join(dir, 'ecdsa.pdf');
    await office.call('attachments.export', { documentId: id, attachmentId: attachment.id, out });
    expect(pdfsig(out, lab().nssDir).map((signature) => signature.valid)).toEqual([true]);
    expect((await office.call('verify', { path: out, online: false })).signatures[0]!.status).toBe('valid');
  });

  it('stamps an appendix in a separate file at the top right of page 1, without the seal', async () => {
    const office = await signingOffice(lab());
    const dir = tempDir();
    const id = await draftDecision(office, decision().plain, dir);
    const appendixFile = path.join(dir, 'phu-luc.pdf');
    fs.writeFileSync(appendixFile, await vietnamesePdf(['PHỤ LỤC', 'Danh sách hộ dân được hỗ trợ']));
    await office.call('attachments.add', { documentId: id, file: { path: appendixFile }, role: 'appendix' });
    const chairman = await certificateOf(office, lab(), 'personal');
    const commune = await certificateOf(office, lab(), 'organization');
    await office.call('sign.documents', {
      ids: [id],
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
    });
    const result = await office.call('sign.documents', {
      ids: [id],
      certId: commune.id,
      as: 'organization',
      pin: lab().tokens.tokens.organization.pin,
      modules: [lab().tokens.module],
    });
    expect(result.signed[0]!.files.map((file) => file.filename)).toEqual(['quyet-dinh.pdf', 'phu-luc.pdf']);

    const appendix = (await office.call('documents.get', { id })).attachments.find(
      (attachment) => attachment.role === 'appendix',
    )!;
    const out = path.join(dir, 'phu-luc-da-ky.pdf');
    await office.call('attachments.export', { documentId: id, attachmentId: appendix.id, out });
    const [row] = office.core.db
      .prepare('SELECT page, box, image_box AS imageBox FROM signatures WHERE attachment_id = ?')
      .all(appendix.id) as { page: number; box: string; imageBox: string | null }[];
    expect(row!.page).toBe(1);
    expect(row!.imageBox).toBeNull();
    const box = JSON.parse(row!.box) as { x: number; y: number; width: number; height: number };
    // Top right: within 30 pt of the top and right edges of an A4 page.
    expect(595 - (box.x + box.width)).toBeLessThan(30);
    expect(842 - (box.y + box.height)).toBeLessThan(30);
    const ink = inkIn(out, 1, box);
    expect(ink.dark).toBeGreaterThan(20);
    expect(ink.red).toBe(0);
    expect(ink.blue).toBe(0);
    const verdict = await office.call('verify', { path: out, online: false });
    expect(verdict.signatures.map((signature) => [signature.status, signature.signer?.commonName])).toEqual([
      ['valid', 'UBND xã Quảng Phú'],
    ]);
    expect(pdfsig(out, lab().nssDir)[0]!.valid).toBe(true);
  });

  it('puts the signature where the user picked', async () => {
    const office = await signingOffice(lab());
    const id = await draftDecision(office, decision().plain, tempDir());
    const chairman = await certificateOf(office, lab(), 'personal');
    await office.call('sign.documents', {
      ids: [id],
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
      placement: { page: 1, x: 60, y: 80 },
    });
    const [row] = office.core.db.prepare('SELECT page, box FROM signatures').all() as { page: number; box: string }[];
    expect(row!.page).toBe(1);
    expect(JSON.parse(row!.box)).toMatchObject({ x: 60, y: 80 });
    const outside = await draftDecision(office, decision().plain, tempDir());
    const before = (await office.call('documents.get', { id: outside })).attachments[0]!.sha256;
    const result = await office.call('sign.documents', {
      ids: [outside],
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
      placement: { page: 1, x: 590, y: 80 },
    });
    expect(result.stoppedAt?.error).toMatchObject({
      code: 'SIGN_PLACEMENT_INVALID',
      message: matching.stringContaining('ngoài trang'),
    });
    expect((await office.call('documents.get', { id: outside })).attachments[0]!.sha256).toBe(before);
  });

  it('says before the PIN that a letter leaves no room for a legible signature, then signs where the signer picks', async () => {
    const office = await signingOffice(lab());
    // The printed name right under the title: no blank line left for the signature.
    const id = await draftDecision(
      office,
      await vietnamesePdf(['Quyết định', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An']),
      tempDir(),
    );
    const before = (await office.call('documents.get', { id })).attachments[0]!.sha256;
    const chairman = await certificateOf(office, lab(), 'personal');
    // A wrong PIN would be refused by the token if it were ever asked: the refusal comes first.
    const refused = await rejection(
      office.call('sign.documents', {
        ids: [id],
        certId: chairman.id,
        as: 'personal',
        pin: 'not-the-pin',
        modules: [lab().tokens.module],
      }),
    );
    expect(refused.code).toBe('SIGN_NO_ROOM');
    expect(refused.message).toContain('chọn chỗ đặt chữ ký');
    expect(refused.detail).toMatch(/mm between the title and the name on page 1/);
    expect((await office.call('documents.get', { id })).attachments[0]!.sha256).toBe(before);
    const signed = await office.call('sign.documents', {
      ids: [id],
      certId: chairman.id,
      as: 'personal',
      pin: lab().tokens.tokens.personal.pin,
      modules: [lab().tokens.module],
      placement: { page: 1, x: 330, y: 600 },
    });
    expect(signed.stoppedAt).toBeNull();
    const [row] = office.core.db.prepare('SELECT box FROM signatures').all() as { box: string }[];
    expect(JSON.parse(row!.box)).toMatchObject({ x: 330, y: 600 });
  });
});
