// What verification accepts as "the number filled in" after a signature, on a real
// draft (Chromium, blanks on its Số and date lines), and what it does not: the same
// annotations with a change to the page in the same update, digits outside the blanks,
// a month that is no month, text over a signature, a hidden or invisible annotation,
// a box painted over the page, a font whose glyph for "1" is a 7, a /Contents that says
// other than the page shows. Each of these leaves the chairman's signature "not vouched for".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFRef,
  PDFString,
  rgb,
  StandardFonts,
} from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLayout } from '../../core/documents/pdf.ts';
import { ensurePkijsEngine } from '../../core/signing/crypto-engine.ts';
import {
  matchFilledText,
  planNumberFill,
  readHeader,
  writeFilledText,
  type FilledText,
  type HeaderReading,
} from '../../core/signing/number-fill.ts';
import { encodeText, registerFont, textWidth } from '../../core/signing/pades/appearance-resources.ts';
import { filledTextOnlyUpdate, signatureOnlyUpdate } from '../../core/signing/revision-changes.ts';
import { verifyPdf } from '../../core/signing/verify-pdf.ts';
import { chromiumLetter, draftNumberAndDate } from '../../scripts/lib/letter-corpus.ts';
import {
  createTestCa,
  issueCertificate,
  writeCrl,
  type IssuedCertificate,
  type TestCa,
} from '../../scripts/lib/test-pki.ts';
import { signWithKey, summary, verifyingOffice } from '../helpers/verify.ts';

let root: string;
let ca: TestCa;
let crl: Buffer;
let chairman: IssuedCertificate;
let draft: Buffer;
/** The draft signed by the chairman. */
let once: Buffer;
let header: HeaderReading;
/** What issuing 01/KH-UBND on 5 March 2026 draws. */
let pieces: FilledText[];
const LINES = ['Số: 01/KH-UBND', 'Đông Tiến, ngày 05 tháng 3 năm 2026'];
const A4 = { x: 0, y: 0, width: 595, height: 842 };

beforeAll(async () => {
  ensurePkijsEngine();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-number-fill-'));
  ca = await createTestCa(path.join(root, 'ca'), { commonName: 'CA Sở Nội vụ' });
  crl = (await writeCrl(ca)).der;
  chairman = await issueCertificate(ca, { subject: { commonName: 'Lê Văn Đức' }, profile: 'signer' });
  draft = chromiumLetter('Liberation Serif', draftNumberAndDate(2026));
  once = await signWithKey(draft, chairman, { fieldName: 'ChuKyCaNhan1' });
  header = readHeader(await readLayout(draft), A4);
  pieces = planNumberFill(header, { notation: '01/KH-UBND', issuedOn: '2026-03-05' }).pieces;
}, 120_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const AT = new Date('2026-03-05T02:00:00Z');

async function verdictsOf(pdf: Uint8Array) {
  return verifyPdf(pdf, verifyingOffice([ca], [crl]));
}

/** An update with its %%EOF blanked, so that it and the next one read as one update. */
async function updateWithoutEof(signed: Buffer, change: (doc: PDFDocument) => Promise<void> | void): Promise<Buffer> {
  const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true });
  await change(doc);
  const bytes = Buffer.from(await doc.commit());
  bytes.write('     ', bytes.lastIndexOf('%%EOF'), 'latin1');
  return bytes;
}

/** The last update's bytes with `from` replaced by `to` (same length: offsets and lengths stay right). */
function patched(pdf: Uint8Array, after: number, from: string, to: string): Buffer {
  expect(to).toHaveLength(from.length);
  const bytes = Buffer.from(pdf);
  const at = bytes.indexOf(from, after, 'latin1');
  expect(at).toBeGreaterThan(-1);
  bytes.write(to, at, 'latin1');
  return bytes;
}

interface Forgery {
  text: string;
  x: number;
  y: number;
  size: number;
  /** The appearance's operators, from the honest ones (`hex`: the text's codes). */
  operators?: (hex: string) => string[];
  /** The font's /ToUnicode map, as CMap bfchar lines (code → character). */
  toUnicode?: (code: (character: string) => string) => string[];
}

/** A FreeText annotation like the number fill's, made by hand with one thing changed. */
async function forged(signed: Buffer, forgery: Forgery): Promise<Buffer> {
  const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true, updateMetadata: false });
  const snapshot = doc.takeSnapshot();
  const context = doc.context;
  const font = registerFont(context, [forgery.text, '0123456789']);
  const code = (character: string) => encodeText(character).slice(1, -1);
  if (forgery.toUnicode) {
    const type0 = context.lookup(font, PDFDict);
    const entries = forgery.toUnicode(code);
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '1 begincodespacerange <0000> <ffff> endcodespacerange',
      `${entries.length} beginbfchar`,
      ...entries,
      'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    context.assign(type0.get(PDFName.of('ToUnicode')) as PDFRef, context.flateStream(cmap));
  }
  const width = Math.round(textWidth(forgery.text, forgery.size) * 100) / 100;
  const height = forgery.size * 1.1;
  const bottom = forgery.y - forgery.size * 0.22;
  const hex = encodeText(forgery.text);
  const operators = forgery.operators?.(hex) ?? [
    'q',
    '0 0 0 rg',
    'BT',
    `/F1 ${forgery.size} Tf`,
    `1 0 0 1 0 ${forgery.y - bottom} Tm`,
    `${hex} Tj`,
    'ET',
    'Q',
  ];
  const appearance = context.register(
    context.stream(operators.join('\n'), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      Resources: context.obj({ Font: { F1: font } }),
    }),
  );
  const page = doc.getPage(0);
  const annotation = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'FreeText',
      Rect: [forgery.x, bottom, forgery.x + width, bottom + height].map((value) => PDFNumber.of(value)),
      Contents: PDFHexString.fromText(forgery.text),
      F: 4 | 64 | 128 | 512,
      P: page.ref,
      DA: PDFString.of(`/TiRo ${forgery.size} Tf 0 g`),
      AP: { N: appearance },
    }),
  );
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFArray) annots.push(annotation);
  else page.node.set(PDFName.of('Annots'), context.obj([annotation]));
  snapshot.markRefForSave(page.ref);
  const increment = await doc.saveIncremental(snapshot, { useObjectStreams: false });
  return Buffer.concat([signed, increment]);
}

function refusal(check: { ok: true } | { ok: false; why: string }): string {
  expect(check).toMatchObject({ ok: false });
  return check.ok ? '' : check.why;
}

const numberPiece = () => pieces.find((piece) => piece.kind === 'number')!;

describe('an update after the chairman signed that writes the number into the blanks', () => {
  it('is named as the number filled in, and keeps his signature valid before and after the seal', async () => {
    expect(pieces.map((piece) => [piece.kind, piece.text])).toEqual([
      ['number', '01'],
      ['day', '05'],
      ['month', '3'],
    ]);
    const filled = Buffer.from(await writeFilledText(once, pieces, AT));
    const check = filledTextOnlyUpdate(once, filled);
    expect(check.ok).toBe(true);
    // A signature's rules do not cover it: it adds no signature.
    expect(refusal(signatureOnlyUpdate(once, filled))).toBe('the update adds a FreeText annotation');
    const [verdict] = await verdictsOf(filled);
    expect(verdict).toMatchObject({
      status: 'valid',
      changesAfter: { laterSignatures: 0, otherRevisions: 0, numberFilledIn: LINES },
    });
    const sealed = await signWithKey(filled, chairman, { fieldName: 'ChuKyCoQuan1', kind: 'organization' });
    const verdicts = await verdictsOf(sealed);
    expect(summary(verdicts)).toEqual([
      ['valid', 'OK'],
      ['valid', 'OK'],
    ]);
    expect(verdicts[0]!.changesAfter).toMatchObject({ laterSignatures: 1, otherRevisions: 0, numberFilledIn: LINES });
  });

  it('is not vouched for when the same update also draws on the page', async () => {
    const painted = await updateWithoutEof(once, async (doc) => {
      const font = await doc.embedFont(StandardFonts.TimesRoman);
      doc.getPage(0).drawRectangle({ x: 90, y: 560, width: 420, height: 18, color: rgb(1, 1, 1) });
      doc.getPage(0).drawText('Kinh phi: 900.000.000 dong', { x: 95, y: 565, size: 13, font });
    });
    const tampered = Buffer.from(await writeFilledText(painted, pieces, AT));
    expect(refusal(filledTextOnlyUpdate(once, tampered))).toMatch(/page object \d+/);
    const verdicts = await verdictsOf(tampered);
    expect(summary(verdicts)).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
    expect(verdicts[0]!.changesAfter).toEqual({
      bytesAppended: tampered.length - once.length,
      laterSignatures: 0,
      otherRevisions: 1,
    });
    // A seal on top vouches for its own signature, not for the chairman's.
    const sealed = await signWithKey(tampered, chairman, { fieldName: 'ChuKyCoQuan1', kind: 'organization' });
    expect(summary(await verdictsOf(sealed))).toEqual([
      ['indeterminate', 'MODIFIED_AFTER_SIGNING'],
      ['valid', 'OK'],
    ]);
  });

  it('is not vouched for when it also rewrites the catalog', async () => {
    const scripted = await updateWithoutEof(once, (doc) => {
      doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') }));
    });
    const tampered = Buffer.from(await writeFilledText(scripted, pieces, AT));
    expect(refusal(filledTextOnlyUpdate(once, tampered))).toBe('the update changes the document catalog');
    expect(summary(await verdictsOf(tampered))).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
  });

  it('is not vouched for when its digits sit outside the blanks', async () => {
    // A "1" before the year of the body's "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024".
    const layout = await readLayout(draft);
    const line = layout.find((candidate) => candidate.page === 0 && candidate.text.startsWith('Căn cứ Luật Đất đai'))!;
    const words = line.text.split(' ');
    const year = words.indexOf('2024;');
    const x = line.words[year * 2]! - textWidth('1', line.size);
    const moved = Buffer.from(
      await writeFilledText(once, [...pieces, { kind: 'day', text: '1', x, y: line.y, size: line.size }], AT),
    );
    const check = filledTextOnlyUpdate(once, moved);
    // Its structure is a number fill's; where it draws is not.
    if (!check.ok) throw new Error(check.why);
    expect(matchFilledText(header, check.drawn)).toEqual({
      ok: false,
      why: 'the update draws "1" outside the blanks of the Số and date lines',
    });
    expect(summary(await verdictsOf(moved))).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
  });

  it('is not vouched for when it writes what is no part of a date where the month goes', async () => {
    const month = pieces.find((piece) => piece.kind === 'month')!;
    const odd = Buffer.from(
      await writeFilledText(once, [numberPiece(), { ...month, text: '13', x: month.x - 3.5 }], AT),
    );
    const check = filledTextOnlyUpdate(once, odd);
    if (!check.ok) throw new Error(check.why);
    expect(matchFilledText(header, check.drawn)).toEqual({
      ok: false,
      why: 'the update writes "13" where the month goes',
    });
    expect(summary(await verdictsOf(odd))).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
  });

  it('is not vouched for when it draws over the signature', async () => {
    const page = (await PDFDocument.load(once)).getPage(0);
    const widget = page.node.lookup(PDFName.of('Annots'), PDFArray).lookup(0, PDFDict);
    const [x, y] = widget
      .lookup(PDFName.of('Rect'), PDFArray)
      .asArray()
      .map((value) => (value as PDFNumber).asNumber());
    const over = Buffer.from(
      await writeFilledText(once, [{ kind: 'number', text: '01', x: x! + 2, y: y! + 4, size: 13 }], AT),
    );
    expect(refusal(filledTextOnlyUpdate(once, over))).toBe('the update draws "01" over another annotation');
  });

  it('is not vouched for when an annotation may be hidden, says other than it shows, or would be redrawn otherwise', async () => {
    const filled = Buffer.from(await writeFilledText(once, pieces, AT));
    // Hidden (2) as well as printed: some viewers show it, some do not.
    const hidden = patched(filled, once.length, '/F 708', '/F 710');
    expect(refusal(filledTextOnlyUpdate(once, hidden))).toBe(
      'the update adds an annotation that may be hidden or moved',
    );
    // /Contents "07" over a drawn "01".
    const saying = patched(filled, once.length, '/Contents <FEFF00300031>', '/Contents <FEFF00300037>');
    expect(refusal(filledTextOnlyUpdate(once, saying))).toBe(
      'the update adds an annotation that says other than it draws',
    );
    // White text: draws nothing a reader sees, and could be turned black by nothing signed.
    const white = patched(filled, once.length, '0 0 0 rg', '1 1 1 rg');
    expect(refusal(filledTextOnlyUpdate(once, white))).toBe(
      'the update adds an annotation that draws more than one line of black text',
    );
    // A viewer redrawing it from /DA would draw it huge.
    const huge = patched(filled, once.length, '/TiRo 13 Tf', '/TiRo 99 Tf');
    expect(refusal(filledTextOnlyUpdate(once, huge))).toBe(
      'the update adds an annotation that would be redrawn in another size or colour',
    );
    for (const tampered of [hidden, saying, white, huge])
      expect(summary(await verdictsOf(tampered))).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
  });

  it('is not vouched for when its appearance paints a box over the page', async () => {
    const number = numberPiece();
    const boxed = await forged(once, {
      ...number,
      operators: (hex) => [
        'q',
        '1 1 1 rg',
        '-200 -40 400 80 re f',
        'Q',
        'q',
        '0 0 0 rg',
        'BT',
        `/F1 13 Tf`,
        `1 0 0 1 0 2.86 Tm`,
        `${hex} Tj`,
        'ET',
        'Q',
      ],
    });
    expect(refusal(filledTextOnlyUpdate(once, boxed))).toBe(
      'the update adds an annotation that draws more than one line of black text',
    );
    expect(summary(await verdictsOf(boxed))).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
  });

  it('is not vouched for when its font draws a 7 for the code it says is a 1', async () => {
    const number = numberPiece();
    const honest = await forged(once, number);
    expect(filledTextOnlyUpdate(once, honest)).toMatchObject({ ok: true });
    const swapped = await forged(once, {
      ...number,
      operators: (hex) => [
        'q',
        '0 0 0 rg',
        'BT',
        `/F1 13 Tf`,
        `1 0 0 1 0 2.86 Tm`,
        `${hex.slice(0, 5)}${encodeText('7').slice(1, -1)}> Tj`,
        'ET',
        'Q',
      ],
      toUnicode: (code) => [`<${code('0')}> <0030>`, `<${code('7')}> <0031>`],
    });
    expect(refusal(filledTextOnlyUpdate(once, swapped))).toBe(
      'the update adds an annotation that draws "1" with another glyph',
    );
    expect(summary(await verdictsOf(swapped))).toEqual([['indeterminate', 'MODIFIED_AFTER_SIGNING']]);
  });
});
