// An earlier signature stays valid after a later update only when that update
// adds nothing but a signature. A forger who changes the page and then signs
// in the same update (no %%EOF between the two) must not get the earlier
// signer's "valid" for the changed page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDocument, PDFName, PDFRef, PDFString, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePkijsEngine } from '../../core/signing/crypto-engine.ts';
import { signatureOnlyUpdate, type UpdateCheck } from '../../core/signing/revision-changes.ts';
import { verifyPdf } from '../../core/signing/verify-pdf.ts';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import {
  createTestCa,
  issueCertificate,
  signWithPdfsig,
  writeCrl,
  type IssuedCertificate,
  type TestCa,
} from '../../scripts/lib/test-pki.ts';
import { signWithKey, summary, verifyingOffice } from '../helpers/verify.ts';

let root: string;
let ca: TestCa;
let crl: Buffer;
let chairman: IssuedCertificate;
/** A certificate for the chairman's name from a CA nobody trusts: what a forger can get. */
let forger: IssuedCertificate;
let unsigned: Buffer;
/** Signed once, by the chairman. */
let once: Buffer;

beforeAll(async () => {
  ensurePkijsEngine();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-changes-'));
  ca = await createTestCa(path.join(root, 'ca'), { commonName: 'CA Sở Nội vụ' });
  crl = (await writeCrl(ca)).der;
  chairman = await issueCertificate(ca, { subject: { commonName: 'Nguyễn Văn An' }, profile: 'signer' });
  const unknownCa = await createTestCa(path.join(root, 'unknown-ca'), { commonName: 'CA Không Rõ' });
  forger = await issueCertificate(unknownCa, { subject: { commonName: 'Nguyễn Văn An' }, profile: 'signer' });
  unsigned = await vietnamesePdf([
    'ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ',
    'Quyết định số 12/QĐ-UBND',
    'Kinh phí: 90.000.000 đồng',
  ]);
  once = await signWithKey(unsigned, chairman, { fieldName: 'ChuKyLanhDao' });
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * An incremental update made with pdf-lib, its %%EOF blanked out so that it
 * and the next signature's update read as one update, as the forger in the
 * review made it.
 */
async function updateWithoutEof(signed: Buffer, change: (doc: PDFDocument) => Promise<void> | void): Promise<Buffer> {
  const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true });
  await change(doc);
  const bytes = Buffer.from(await doc.commit());
  bytes.write('     ', bytes.lastIndexOf('%%EOF'), 'latin1');
  return bytes;
}

/** Why the update was refused; a test expecting a refusal fails on an accepted update. */
function refusal(check: UpdateCheck): string {
  expect(check).toMatchObject({ ok: false });
  return check.ok ? '' : check.why;
}

describe('an update after a signature', () => {
  it("keeps two of our signatures valid, the chairman's followed only by the office seal", async () => {
    const twice = await signWithKey(once, chairman, { fieldName: 'ChuKyCoQuan', kind: 'organization' });
    expect(signatureOnlyUpdate(once, twice)).toEqual({ ok: true });
    const verdicts = await verifyPdf(twice, verifyingOffice([ca], [crl]));
    expect(summary(verdicts)).toEqual([
      ['valid', 'OK'],
      ['valid', 'OK'],
    ]);
    expect(verdicts[0]!.changesAfter).toEqual({
      bytesAppended: twice.length - once.length,
      laterSignatures: 1,
      otherRevisions: 0,
    });
  });

  it('keeps a third-party signature valid when we sign after it', async () => {
    const input = path.join(root, 'third-party-in.pdf');
    const output = path.join(root, 'third-party.pdf');
    fs.writeFileSync(input, unsigned);
    await signWithPdfsig(ca, input, output, { etsi: true, fieldName: 'ChuKyBenNgoai' });
    const theirs = fs.readFileSync(output);
    const both = await signWithKey(theirs, chairman, { fieldName: 'ChuKyLanhDao' });
    const options = verifyingOffice([ca], [crl]);
    const verdicts = await verifyPdf(both, options);
    expect(summary(verdicts)).toEqual([
      ['valid', 'OK'],
      ['valid', 'OK'],
    ]);
    expect(verdicts[0]!.changesAfter).toMatchObject({ laterSignatures: 1, otherRevisions: 0 });
  });

  it('does not let a later signature vouch for page content drawn in its own update', async () => {
    const painted = await updateWithoutEof(once, async (doc) => {
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.getPage(0).drawRectangle({ x: 40, y: 730, width: 400, height: 20, color: rgb(1, 1, 1) });
      doc.getPage(0).drawText('Kinh phi: 900.000.000 dong', { x: 50, y: 744, size: 12, font });
    });
    const forged = await signWithKey(painted, forger, { fieldName: 'ChuKyXacNhan' });
    expect(refusal(signatureOnlyUpdate(once, forged))).toMatch(/page object \d+/);
    const verdicts = await verifyPdf(forged, verifyingOffice([ca], [crl]));
    expect(summary(verdicts)).toEqual([
      ['indeterminate', 'MODIFIED_AFTER_SIGNING'],
      ['indeterminate', 'CHAIN_UNTRUSTED'],
    ]);
    expect(verdicts[0]!.changesAfter).toMatchObject({ laterSignatures: 0, otherRevisions: 1 });
  });

  it('does not let a later signature vouch for a content stream rewritten in place', async () => {
    const rewritten = await updateWithoutEof(once, (doc) => {
      const contents = doc.getPage(0).node.get(PDFName.of('Contents'));
      const stream = contents instanceof PDFArray ? contents.get(0) : contents;
      if (!(stream instanceof PDFRef)) throw new Error('page 1 has no content stream object');
      doc.context.assign(stream, doc.context.flateStream('BT /F1 12 Tf 50 780 Td (Kinh phi: 900.000.000 dong) Tj ET'));
      doc.context.snapshot!.markRefForSave(stream);
    });
    const forged = await signWithKey(rewritten, forger, { fieldName: 'ChuKyXacNhan' });
    expect(refusal(signatureOnlyUpdate(once, forged))).toMatch(/changes object \d+ \(a stream\)/);
    expect(summary(await verifyPdf(forged, verifyingOffice([ca], [crl])))[0]).toEqual([
      'indeterminate',
      'MODIFIED_AFTER_SIGNING',
    ]);
  });

  it('does not let a later signature vouch for an annotation stamped in its own update', async () => {
    const stamped = await updateWithoutEof(once, (doc) => {
      const stamp = doc.context.obj({
        Type: 'Annot',
        Subtype: 'FreeText',
        Rect: [300, 700, 560, 740],
        Contents: PDFString.of('DA THANH TOAN'),
        DA: PDFString.of('/Helv 14 Tf 1 0 0 rg'),
      });
      // Pushed onto the existing /Annots, as a signer adds its widget: pdf-lib's addAnnot would also rewrite /Contents.
      const annots = doc.getPage(0).node.get(PDFName.of('Annots'));
      if (!(annots instanceof PDFArray)) throw new Error('page 1 has no /Annots array');
      annots.push(doc.context.register(stamp));
    });
    // Even the trusted chairman signing the stamped file does not make the stamp part of his first signature.
    const twice = await signWithKey(stamped, chairman, { fieldName: 'ChuKyCoQuan', kind: 'organization' });
    expect(signatureOnlyUpdate(once, twice)).toEqual({ ok: false, why: 'the update adds a FreeText annotation' });
    expect(summary(await verifyPdf(twice, verifyingOffice([ca], [crl])))).toEqual([
      ['indeterminate', 'MODIFIED_AFTER_SIGNING'],
      ['valid', 'OK'],
    ]);
  });

  it('accepts new document information (title, dates) in the same update as a signature', async () => {
    const retitled = await updateWithoutEof(once, (doc) => doc.setTitle('Quyết định số 12/QĐ-UBND (đã ký)'));
    const twice = await signWithKey(retitled, chairman, { fieldName: 'ChuKyCoQuan', kind: 'organization' });
    expect(signatureOnlyUpdate(once, twice)).toEqual({ ok: true });
    expect(summary(await verifyPdf(twice, verifyingOffice([ca], [crl])))).toEqual([
      ['valid', 'OK'],
      ['valid', 'OK'],
    ]);
  });

  it('refuses an update that adds an action to the document catalog', async () => {
    const scripted = await updateWithoutEof(once, (doc) => {
      doc.catalog.set(
        PDFName.of('OpenAction'),
        doc.context.obj({ S: 'JavaScript', JS: PDFString.of('this.getField("x")') }),
      );
    });
    const twice = await signWithKey(scripted, chairman, { fieldName: 'ChuKyCoQuan' });
    expect(signatureOnlyUpdate(once, twice)).toEqual({
      ok: false,
      why: 'the update changes /OpenAction of the document catalog',
    });
    expect(summary(await verifyPdf(twice, verifyingOffice([ca], [crl])))[0]).toEqual([
      'indeterminate',
      'MODIFIED_AFTER_SIGNING',
    ]);
  });

  it('refuses an update that defines an object again where its cross-reference does not point', async () => {
    const twice = await signWithKey(once, chairman, { fieldName: 'ChuKyCoQuan', kind: 'organization' });
    const page = (await PDFDocument.load(once, { updateMetadata: false })).getPage(0).ref.objectNumber;
    // A second page 1 slipped in before the last cross-reference table: invisible to a reader that
    // follows the cross-reference, the one a reader rebuilding it would show.
    const shadow = Buffer.from(`${page} 0 obj\n<< /Type /Page /Contents 999 0 R >>\nendobj\n`, 'latin1');
    const xrefAt = twice.lastIndexOf('\nxref') + 1;
    const startxref = Number(/startxref\s+(\d+)/.exec(twice.toString('latin1', twice.lastIndexOf('startxref')))![1]);
    expect(startxref).toBe(xrefAt);
    const tail = twice
      .toString('latin1', xrefAt)
      .replace(`startxref\n${startxref}`, `startxref\n${startxref + shadow.length}`);
    const tampered = Buffer.concat([twice.subarray(0, xrefAt), shadow, Buffer.from(tail, 'latin1')]);
    expect(signatureOnlyUpdate(once, tampered)).toEqual({
      ok: false,
      why: `the update defines object ${page} where its cross-reference does not point`,
    });
  });

  it('refuses an update whose cross-reference reaches around the revision before it', async () => {
    const twice = await signWithKey(once, chairman, { fieldName: 'ChuKyCoQuan', kind: 'organization' });
    const startxrefOf = (pdf: Buffer) =>
      /startxref\s+(\d+)/.exec(pdf.toString('latin1', pdf.lastIndexOf('startxref')))![1]!;
    // /Prev of the last update re-pointed at the unsigned file's cross-reference, same width.
    const prev = `/Prev ${startxrefOf(once)}`;
    const at = twice.lastIndexOf(prev);
    expect(at).toBeGreaterThan(once.length);
    const tampered = Buffer.from(twice);
    tampered.write(`/Prev ${startxrefOf(unsigned)}`.padEnd(prev.length, ' '), at, 'latin1');
    expect(refusal(signatureOnlyUpdate(once, tampered))).toMatch(/outside the update/);
  });
});
