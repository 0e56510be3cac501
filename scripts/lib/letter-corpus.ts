// One Decree 30/2020 plan (kế hoạch) of a commune, made by the producers a commune's
// files really come from: Chromium, LibreOffice with a table header and with tab stops,
// the same re-written by cairo and Ghostscript, a decomposed (NFD) text layer, fonts
// without /ToUnicode, and grey scans. Tests of PDF reading, search, header reading and
// signature placement then run on files our own code did not write.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
} from '@cantoo/pdf-lib';
import { ImageData, createCanvas } from '@napi-rs/canvas';
import { printHtmlFile } from './chromium-pdf.ts';

/** What a reader of the letter should find, whoever produced the PDF. */
export const corpusLetter = {
  notation: '27/KH-UBND',
  issuedOn: '2026-03-12',
  issuer: 'UBND xã Đông Tiến',
  parent: 'UBND huyện Đông Sơn',
  typeKey: 'KH',
  subject: 'Chỉnh lý hồ sơ địa chính và cấp giấy chứng nhận quyền sử dụng đất năm 2026',
  signerName: 'Lê Văn Đức',
  signerTitle: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  bodyPhrase: 'hồ sơ địa chính',
  officer: 'Trịnh Thị Hương',
} as const;

// The printed lines, as Decree 30 Appendix I sets them out.
const letter = {
  parent: 'UBND HUYỆN ĐÔNG SƠN',
  issuer: ['ỦY BAN NHÂN DÂN', 'XÃ ĐÔNG TIẾN'],
  nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  number: `Số: ${corpusLetter.notation}`,
  placeAndDate: 'Đông Tiến, ngày 12 tháng 3 năm 2026',
  title: 'KẾ HOẠCH',
  subject: corpusLetter.subject,
  body: [
    'Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;',
    'Căn cứ Nghị định số 101/2024/NĐ-CP ngày 29 tháng 7 năm 2024 của Chính phủ quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai;',
    `1. Mục đích, yêu cầu: cập nhật, chỉnh lý kịp thời ${corpusLetter.bodyPhrase} theo hiện trạng sử dụng đất; giải quyết dứt điểm các hồ sơ đề nghị cấp giấy chứng nhận còn tồn đọng, bảo đảm đúng quy định, công khai, minh bạch.`,
    '2. Thời gian thực hiện: từ ngày 16 tháng 3 năm 2026 đến ngày 30 tháng 11 năm 2026.',
    `3. Tổ chức thực hiện: giao bà ${corpusLetter.officer}, công chức Địa chính - Xây dựng, chủ trì rà soát, lập danh sách các thửa đất, hướng dẫn hộ gia đình, cá nhân hoàn thiện hồ sơ; hằng tháng báo cáo Chủ tịch Ủy ban nhân dân xã kết quả thực hiện.`,
  ],
  recipients: ['- UBND huyện Đông Sơn;', '- Lưu: VT.'],
  signerTitle: corpusLetter.signerTitle,
  signerName: corpusLetter.signerName,
};

/** The Số line and the date line of a letter: as issued, or as a draft leaves them for the clerk to fill. */
export interface NumberAndDate {
  number: string;
  placeAndDate: string;
}

/**
 * The same letter as a dự thảo: typed before it has a number, so the Số line keeps a blank before
 * the ký hiệu and the date line blanks for the day and the month, as a clerk's template leaves them.
 * The blanks are spaces (kept as typed: no collapsing), wide enough for "27" and "12".
 */
export function draftNumberAndDate(year = 2026): NumberAndDate {
  return { number: 'Số:      /KH-UBND', placeAndDate: `Đông Tiến, ngày      tháng      năm ${year}` };
}

const issued: NumberAndDate = { number: letter.number, placeAndDate: letter.placeAndDate };

export type CorpusProducer =
  | 'chromium'
  | 'chromium-fallback'
  | 'cairo-fallback'
  | 'libreoffice-table'
  | 'libreoffice-tabs'
  | 'cairo'
  | 'ghostscript'
  | 'nfd'
  | 'no-tounicode'
  | 'scan-300'
  | 'scan-200-noisy';

export interface CorpusPdf {
  producer: CorpusProducer;
  pdf: Buffer;
  /** 'none': nothing in the file reads as the letter (a scan, or glyphs that lost their Unicode). */
  textLayer: 'pdf' | 'none';
  /** Where buildCorpus wrote it, for the command-line tools. */
  file: string;
}

/** Every producer's letter, also written to `dir` as `<producer>.pdf`. */
export async function buildCorpus(dir: string): Promise<CorpusPdf[]> {
  const chromium = chromiumLetter();
  const fallback = chromiumLetter(FALLBACK_FONT);
  const table = libreOfficeTableLetter();
  const tabs = libreOfficeTabsLetter();
  const made: [CorpusProducer, Buffer, CorpusPdf['textLayer']][] = [
    ['chromium', chromium, 'pdf'],
    ['chromium-fallback', fallback, 'pdf'],
    ['cairo-fallback', cairoRewrite(fallback), 'pdf'],
    ['libreoffice-table', table, 'pdf'],
    ['libreoffice-tabs', tabs, 'pdf'],
    ['cairo', cairoRewrite(tabs), 'pdf'],
    ['ghostscript', ghostscriptRewrite(table), 'pdf'],
    ['nfd', nfdLetter(), 'pdf'],
    ['no-tounicode', withoutToUnicode(chromium), 'none'],
    ['scan-300', await scannedLetter(table, 300), 'none'],
    ['scan-200-noisy', await noisyScannedLetter(table, 200, 2026), 'none'],
  ];
  return made.map(([producer, pdf, textLayer]) => {
    const file = path.join(dir, `${producer}.pdf`);
    fs.writeFileSync(file, pdf);
    return { producer, pdf, textLayer, file };
  });
}

/**
 * A Times-like font with no Vietnamese letters beyond Latin-1 (Debian's fonts-urw-base35, pulled in by
 * Ghostscript), as a clerk's "Times New Roman" is on a PC without the Vietnamese one: Chromium then
 * takes each ư, ơ, ệ… from another font, and the text layer breaks inside the words ("HUY" + "Ệ" + "N").
 */
const FALLBACK_FONT = 'Nimbus Roman';

/** The letter in HTML, its header a borderless two-column table, printed by headless Chromium (Skia). */
export function chromiumLetter(font = 'Liberation Serif', lines: NumberAndDate = issued): Buffer {
  return inTempDir((dir) => {
    const html = path.join(dir, 'letter.html');
    const pdf = path.join(dir, 'letter.pdf');
    fs.writeFileSync(html, letterHtml(font, lines));
    printHtmlFile(html, pdf, dir);
    return fs.readFileSync(pdf);
  });
}

/** The letter typed in LibreOffice Writer with its header in a two-column table. */
export function libreOfficeTableLetter(lines: NumberAndDate = issued): Buffer {
  return convertWithLibreOffice(flatOdt(tableHeader(lines), tableSignature()));
}

/** The letter typed with no table: each header line one paragraph, a centred tab stop per column. */
export function libreOfficeTabsLetter(lines: NumberAndDate = issued): Buffer {
  return convertWithLibreOffice(flatOdt(tabbedHeader(lines), tabbedSignature()));
}

/**
 * The table letter typed in decomposed Unicode, as Unikey's "Unicode tổ hợp" charset types it.
 * LibreOffice draws the precomposed glyphs but maps each back to the decomposed characters in /ToUnicode.
 */
export function nfdLetter(): Buffer {
  return convertWithLibreOffice(flatOdt(tableHeader(issued), tableSignature()).normalize('NFD'));
}

/** A PDF re-written by cairo (pdftocairo), which splits each font into a simple and a CID subset. */
export function cairoRewrite(pdf: Buffer): Buffer {
  return inTempDir((dir) => {
    const source = path.join(dir, 'source.pdf');
    const rewritten = path.join(dir, 'cairo.pdf');
    fs.writeFileSync(source, pdf);
    run('pdftocairo', ['-pdf', source, rewritten]);
    return fs.readFileSync(rewritten);
  });
}

/** A PDF re-written by Ghostscript's pdfwrite, as PDF compressors and print servers do. */
export function ghostscriptRewrite(pdf: Buffer): Buffer {
  return inTempDir((dir) => {
    const source = path.join(dir, 'source.pdf');
    const rewritten = path.join(dir, 'gs.pdf');
    fs.writeFileSync(source, pdf);
    run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${rewritten}`, source]);
    return fs.readFileSync(rewritten);
  });
}

/** The PDF with every font's /ToUnicode map dropped: the glyphs still print, the text copies as garbage. */
export function withoutToUnicode(pdf: Buffer): Buffer {
  return inTempDir((dir) => {
    const source = path.join(dir, 'source.pdf');
    const json = path.join(dir, 'objects.json');
    const stripped = path.join(dir, 'stripped.pdf');
    fs.writeFileSync(source, pdf);
    run('qpdf', ['--json-output', source, json]);
    const document = JSON.parse(fs.readFileSync(json, 'utf8')) as QpdfJson;
    for (const object of Object.values(document.qpdf[1])) {
      const dictionary = object.value ?? object.stream?.dict;
      if (dictionary && typeof dictionary === 'object') delete (dictionary as Record<string, unknown>)['/ToUnicode'];
    }
    fs.writeFileSync(json, JSON.stringify(document));
    // qpdf writes only the objects still reachable, so the orphaned maps are gone too.
    run('qpdf', ['--json-input', json, stripped]);
    return fs.readFileSync(stripped);
  });
}

/** The first page scanned clean in 8-bit grey at `dpi`: one image per page and no text layer. */
export async function scannedLetter(pdf: Buffer, dpi: number): Promise<Buffer> {
  return greyImagePdf(renderGrey(pdf, dpi), dpi);
}

/**
 * The first page as a cheap flatbed delivers it: fed a little askew, on greyish paper, with
 * sensor grain and dust. `seed` fixes the noise, so the same call gives the same pixels.
 */
export async function noisyScannedLetter(pdf: Buffer, dpi: number, seed: number): Promise<Buffer> {
  return greyImagePdf(addScannerNoise(renderGrey(pdf, dpi), seed), dpi);
}

interface QpdfJson {
  qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: unknown } }>];
}

interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom. */
  pixels: Uint8Array;
}

function renderGrey(pdf: Buffer, dpi: number): GreyImage {
  return inTempDir((dir) => {
    const source = path.join(dir, 'source.pdf');
    fs.writeFileSync(source, pdf);
    run('pdftoppm', ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile', source, path.join(dir, 'page')]);
    return readPgm(fs.readFileSync(path.join(dir, 'page.pgm')));
  });
}

// pdftoppm -gray writes a binary PGM: "P5 <width> <height> 255" and one whitespace byte before the pixels.
function readPgm(file: Buffer): GreyImage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no 8-bit grey PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: file.subarray(header[0].length, header[0].length + width * height) };
}

const SKEW_DEGREES = 0.6;
const PAPER = 232; // recycled office paper under a scanner lamp, not white
const INK = 24;
const LID = 150; // the lid's grey, showing where the skewed page leaves a corner bare
const GRAIN = 9; // amplitude of the sensor noise, in grey levels
const DUST = 0.0004; // share of pixels hit by a dark speck

function addScannerNoise(image: GreyImage, seed: number): GreyImage {
  const { width, height } = image;
  const rgba = new Uint8ClampedArray(width * height * 4);
  image.pixels.forEach((grey, index) => {
    rgba.fill(grey, index * 4, index * 4 + 3);
    rgba[index * 4 + 3] = 255;
  });
  const page = createCanvas(width, height);
  page.getContext('2d').putImageData(new ImageData(rgba, width, height), 0, 0);

  const scan = createCanvas(width, height);
  const context = scan.getContext('2d');
  context.fillStyle = `rgb(${LID}, ${LID}, ${LID})`;
  context.fillRect(0, 0, width, height);
  context.translate(width / 2, height / 2);
  context.rotate((SKEW_DEGREES * Math.PI) / 180);
  context.translate(-width / 2, -height / 2);
  context.drawImage(page, 0, 0);
  const drawn = context.getImageData(0, 0, width, height).data;

  const random = mulberry32(seed);
  const pixels = new Uint8Array(width * height);
  for (let index = 0; index < pixels.length; index++) {
    const tone = INK + ((drawn[index * 4] ?? 0) / 255) * (PAPER - INK);
    // The sum of three uniforms is close enough to the sensor's Gaussian grain.
    const grain = (random() + random() + random() - 1.5) * GRAIN;
    const speck = random() < DUST ? -PAPER / 2 : 0;
    pixels[index] = Math.max(0, Math.min(255, Math.round(tone + grain + speck)));
  }
  return { width, height, pixels };
}

// A small seeded PRNG (mulberry32): Math.random would make every run's scan different.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// pdf-lib's embedPng would turn the grey pixels into RGB; a scanner's grey page is one DeviceGray image.
async function greyImagePdf(image: GreyImage, dpi: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setCreator(`pdftoppm ${dpi} dpi grey scan`);
  const width = (image.width / dpi) * 72;
  const height = (image.height / dpi) * 72;
  const page = doc.addPage([width, height]);
  const scan = doc.context.register(
    doc.context.flateStream(image.pixels, {
      Type: 'XObject',
      Subtype: 'Image',
      Width: image.width,
      Height: image.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
    }),
  );
  const name = page.node.newXObject('Scan', scan);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width, 0, 0, height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  return Buffer.from(await doc.save());
}

function letterHtml(font: string, numberAndDate: NumberAndDate): string {
  // Runs of spaces are the draft's blanks: HTML would collapse them.
  const spaced = (text: string) => escapeMarkup(text).replace(/ {2,}/g, (run) => `${'&nbsp;'.repeat(run.length - 1)} `);
  const lines = (text: readonly string[]) => text.map(escapeMarkup).join('<br>');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
  @page { size: A4; margin: 20mm 20mm 20mm 30mm }
  body { margin: 0; font: 14pt/1.15 '${font}', 'Liberation Serif', serif }
  p { margin: 0 }
  table { width: 100%; border-collapse: collapse }
  td { padding: 0; vertical-align: top; text-align: center }
  .header { font-size: 13pt } .header td:first-child { width: 60mm }
  .rule { margin: 2pt auto 0; border-top: 0.75pt solid }
  .number td { padding-top: 6pt }
  .title { margin-top: 18pt; text-align: center; font-weight: bold }
  .body p { margin-top: 6pt; text-align: justify; text-indent: 1cm }
  .signature { margin-top: 12pt } .signature td { width: 50% }
  .recipients { text-align: left; font-size: 11pt } .recipients b { font-size: 12pt }
  </style></head><body>
  <table class="header">
  <tr><td>${escapeMarkup(letter.parent)}<br><b>${lines(letter.issuer)}</b><div class="rule" style="width: 20mm"></div></td>
  <td><b>${escapeMarkup(letter.nation)}<br>${escapeMarkup(letter.motto)}</b><div class="rule" style="width: 56mm"></div></td></tr>
  <tr class="number"><td>${spaced(numberAndDate.number)}</td><td style="font-size: 14pt"><i>${spaced(numberAndDate.placeAndDate)}</i></td></tr>
  </table>
  <p class="title">${escapeMarkup(letter.title)}<br>${escapeMarkup(letter.subject)}</p>
  <div class="body">${letter.body.map((paragraph) => `<p>${escapeMarkup(paragraph)}</p>`).join('\n')}</div>
  <table class="signature"><tr>
  <td class="recipients"><b><i>Nơi nhận:</i></b><br>${lines(letter.recipients)}</td>
  <td><b>${lines(letter.signerTitle)}</b><div style="height: 64pt"></div><b>${escapeMarkup(letter.signerName)}</b></td>
  </tr></table>
  </body></html>`;
}

// Both LibreOffice layouts share the page (A4, margins of 20 mm and 30 mm at the left, as Decree 30
// asks), the fonts and the paragraph styles; they differ in how the header and the signature are set.
// The text width is 16 cm: the header's columns are 6 cm and 10 cm, the signature sits in the right half.
function flatOdt(header: string, signature: string): string {
  const paragraph = (style: string, text: string) =>
    `<text:p text:style-name="${style}">${escapeMarkup(text)}</text:p>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"
 xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="0pt"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="14pt" fo:language="vi" fo:country="VN"/>
 </style:default-style>
 <style:style style:name="Header" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="HeaderTabs" style:family="paragraph">
  <style:paragraph-properties><style:tab-stops>
   <style:tab-stop style:position="3cm" style:type="center"/><style:tab-stop style:position="11cm" style:type="center"/>
  </style:tab-stops></style:paragraph-properties>
  <style:text-properties fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="18pt" fo:text-align="center"/><style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Subject" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="6pt" fo:text-align="justify" fo:text-indent="1cm"/>
 </style:style>
 <style:style style:name="Left" style:family="paragraph"/>
 <style:style style:name="Signature" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="SignatureTabs" style:family="paragraph">
  <style:paragraph-properties><style:tab-stops><style:tab-stop style:position="12cm" style:type="center"/></style:tab-stops></style:paragraph-properties>
 </style:style>
 <style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="Date" style:family="text"><style:text-properties fo:font-size="14pt" fo:font-style="italic"/></style:style>
 <style:style style:name="RecipientsHeading" style:family="text">
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Recipient" style:family="text"><style:text-properties fo:font-size="11pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
 </style:page-layout>
 <style:style style:name="Number" style:family="paragraph" style:parent-style-name="Header">
  <style:paragraph-properties fo:margin-top="6pt"/>
 </style:style>
 <style:style style:name="NumberTabs" style:family="paragraph" style:parent-style-name="HeaderTabs">
  <style:paragraph-properties fo:margin-top="6pt"/>
 </style:style>
 <style:style style:name="Rule" style:family="graphic">
  <style:graphic-properties draw:stroke="solid" svg:stroke-width="0.03cm" svg:stroke-color="#000000" style:wrap="run-through"
   style:run-through="foreground" style:vertical-pos="from-top" style:vertical-rel="paragraph"
   style:horizontal-pos="from-left" style:horizontal-rel="paragraph"/>
 </style:style>
 <style:style style:name="Columns" style:family="table"><style:table-properties style:width="16cm" table:align="left"/></style:style>
 <style:style style:name="Columns.Agency" style:family="table-column"><style:table-column-properties style:column-width="6cm"/></style:style>
 <style:style style:name="Columns.Nation" style:family="table-column"><style:table-column-properties style:column-width="10cm"/></style:style>
 <style:style style:name="Columns.Half" style:family="table-column"><style:table-column-properties style:column-width="8cm"/></style:style>
 <style:style style:name="Columns.Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0cm" fo:border="none"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
<office:body><office:text>
${header}
${paragraph('Title', letter.title)}
${paragraph('Subject', letter.subject)}
${letter.body.map((text) => paragraph('Body', text)).join('\n')}
${signature}
</office:text></office:body>
</office:document>
`;
}

// The rules under the issuer (a short one) and under the motto (as wide as it), each
// drawn just below the line of the paragraph it is anchored to; `x` is the rule's centre.
function rule(x: number, width: number): string {
  const from = `${(x - width / 2).toFixed(2)}cm`;
  const to = `${(x + width / 2).toFixed(2)}cm`;
  return `<draw:line draw:style-name="Rule" text:anchor-type="paragraph" svg:x1="${from}" svg:y1="0.62cm" svg:x2="${to}" svg:y2="0.62cm"/>`;
}

const span = (style: string, text: string) => `<text:span text:style-name="${style}">${spacedOdt(text)}</text:span>`;

/** Text for a paragraph of the flat ODT; a run of spaces (a draft's blank) kept as typed, as <text:s/> keeps it. */
function spacedOdt(text: string): string {
  return escapeMarkup(text).replace(/ {2,}/g, (run) => ` <text:s text:c="${run.length - 1}"/>`);
}

function tableHeader(numberAndDate: NumberAndDate): string {
  const cell = (paragraphs: string) =>
    `<table:table-cell table:style-name="Columns.Cell" office:value-type="string">${paragraphs}</table:table-cell>`;
  const [issuerAbove = '', issuerName = ''] = letter.issuer;
  return `<table:table table:name="Header" table:style-name="Columns">
<table:table-column table:style-name="Columns.Agency"/><table:table-column table:style-name="Columns.Nation"/>
<table:table-row>${cell(
    `<text:p text:style-name="Header">${escapeMarkup(letter.parent)}</text:p>` +
      `<text:p text:style-name="Header">${span('Strong', issuerAbove)}</text:p>` +
      `<text:p text:style-name="Header">${rule(3, 2)}${span('Strong', issuerName)}</text:p>`,
  )}${cell(
    `<text:p text:style-name="Header">${span('Strong', letter.nation)}</text:p>` +
      `<text:p text:style-name="Header">${rule(5, 5.6)}${span('Strong', letter.motto)}</text:p>`,
  )}</table:table-row>
<table:table-row>${cell(`<text:p text:style-name="Number">${spacedOdt(numberAndDate.number)}</text:p>`)}${cell(
    `<text:p text:style-name="Number">${span('Date', numberAndDate.placeAndDate)}</text:p>`,
  )}</table:table-row>
</table:table>`;
}

function tableSignature(): string {
  const cell = (paragraphs: string) =>
    `<table:table-cell table:style-name="Columns.Cell" office:value-type="string">${paragraphs}</table:table-cell>`;
  const signature = [...letter.signerTitle, '', '', '', '', letter.signerName]
    .map((line) => `<text:p text:style-name="Signature">${escapeMarkup(line)}</text:p>`)
    .join('');
  return `<text:p text:style-name="Left"/>
<table:table table:name="Signature" table:style-name="Columns">
<table:table-column table:style-name="Columns.Half" table:number-columns-repeated="2"/>
<table:table-row>${cell(
    `<text:p text:style-name="Left">${span('RecipientsHeading', 'Nơi nhận:')}</text:p>` +
      letter.recipients.map((line) => `<text:p text:style-name="Left">${span('Recipient', line)}</text:p>`).join(''),
  )}${cell(signature)}</table:table-row>
</table:table>`;
}

// A clerk's header without a table: tab, left column, tab, right column, one paragraph per line.
function tabbedHeader(numberAndDate: NumberAndDate): string {
  const line = (style: string, left: string, right?: string, anchored = '') =>
    `<text:p text:style-name="${style}">${anchored}<text:tab/>${left}${right ? `<text:tab/>${right}` : ''}</text:p>`;
  const [issuerAbove = '', issuerName = ''] = letter.issuer;
  return [
    line('HeaderTabs', escapeMarkup(letter.parent), span('Strong', letter.nation)),
    line('HeaderTabs', span('Strong', issuerAbove), span('Strong', letter.motto), rule(11, 5.6)),
    line('HeaderTabs', span('Strong', issuerName), undefined, rule(3, 2)),
    line('NumberTabs', spacedOdt(numberAndDate.number), span('Date', numberAndDate.placeAndDate)),
  ].join('\n');
}

function tabbedSignature(): string {
  const [title = '', office = ''] = letter.signerTitle;
  const [toDistrict = '', toArchive = ''] = letter.recipients;
  const line = (left: string, right = '') =>
    `<text:p text:style-name="SignatureTabs">${left}${right && `<text:tab/>${span('Strong', right)}`}</text:p>`;
  return [
    '<text:p text:style-name="Left"/>',
    line(span('RecipientsHeading', 'Nơi nhận:'), title),
    line(span('Recipient', toDistrict), office),
    line(span('Recipient', toArchive)),
    line(''),
    line(''),
    line(''),
    line('', letter.signerName),
  ].join('\n');
}

function convertWithLibreOffice(fodt: string): Buffer {
  return inTempDir((dir) => {
    const source = path.join(dir, 'letter.fodt');
    const pdf = path.join(dir, 'letter.pdf');
    fs.writeFileSync(source, fodt);
    // A profile of its own: two soffice runs sharing one would hand their work to each other, or wait.
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const args = [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, source];
    const output = run('soffice', args, { HOME: dir });
    // soffice exits 0 when it cannot load the file; only the PDF tells success.
    if (!fs.existsSync(pdf)) throw new Error(`soffice wrote no PDF: ${output}`);
    return fs.readFileSync(pdf);
  });
}

function run(command: string, args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} exited with ${result.status}: ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-corpus-'));
  try {
    return work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
