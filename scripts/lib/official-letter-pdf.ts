// Official letters laid out as Decree 30/2020 Appendix I prescribes, for tests
// that read a document's own text: the issuing agency top left, the Quốc hiệu
// and tiêu ngữ top right, "Số: …" under the agency with the place and date on
// the same line at the right, then the type's title and the trích yếu centred
// (or, for a công văn, "V/v …" under the number), the body, the signature block.
import fs from 'node:fs';
import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { signaturePng } from './make-png.ts';

// Debian's fonts-dejavu-core (scripts/install-system-deps): a serif with every Vietnamese letter,
// wider than Times New Roman, so the two header columns sit a little further apart than on paper.
const REGULAR_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
const BOLD_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf';

export interface OfficialLetter {
  /** Tên cơ quan chủ quản, above the issuer: "UBND HUYỆN QUẢNG XƯƠNG". */
  parent?: string;
  /** The issuing agency, one entry per line: ["ỦY BAN NHÂN DÂN", "XÃ QUẢNG NHAM"]. */
  issuer: string[];
  /** What follows "Số:", e.g. "15/UBND-VP". */
  notation: string;
  place: string;
  issuedOn: { day: number; month: number; year: number };
  /** The type's title ("QUYẾT ĐỊNH"); absent for a công văn. */
  title?: string;
  /** Trích yếu: under the title, or after "V/v" for a công văn. */
  subject: string;
  body?: string[];
  signer?: { authority: string; title: string; name: string };
}

const PAGE = { width: 595.28, height: 841.89 };
const LEFT_CENTRE = 135;
const RIGHT_CENTRE = 415;
const PAGE_CENTRE = PAGE.width / 2;

/** A text PDF of the letter: what an office's word processor prints to PDF. */
export async function officialLetterPdf(letter: OfficialLetter): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(fs.readFileSync(REGULAR_FONT), { subset: true });
  const bold = await doc.embedFont(fs.readFileSync(BOLD_FONT), { subset: true });
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const centred = (text: string, centre: number, y: number, font: PDFFont, size: number) =>
    page.drawText(text, { x: centre - font.widthOfTextAtSize(text, size) / 2, y, size, font });

  let left = 800;
  if (letter.parent) {
    centred(letter.parent, LEFT_CENTRE, left, regular, 12);
    left -= 15;
  }
  for (const line of letter.issuer) {
    centred(line, LEFT_CENTRE, left, bold, 12);
    left -= 15;
  }
  rule(page, LEFT_CENTRE, left + 6, 60);
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', RIGHT_CENTRE, 800, bold, 11);
  centred('Độc lập - Tự do - Hạnh phúc', RIGHT_CENTRE, 785, bold, 12);
  rule(page, RIGHT_CENTRE, 776, 160);

  const numberLine = Math.min(left - 12, 755);
  centred(`Số: ${letter.notation}`, LEFT_CENTRE, numberLine, regular, 13);
  const { day, month, year } = letter.issuedOn;
  centred(
    `${letter.place}, ngày ${String(day).padStart(2, '0')} tháng ${month} năm ${year}`,
    RIGHT_CENTRE,
    numberLine,
    regular,
    13,
  );

  let y = numberLine - 18;
  if (letter.title) {
    y -= 22;
    centred(letter.title, PAGE_CENTRE, y, bold, 14);
    for (const line of wrap(letter.subject, bold, 14, 400)) {
      y -= 18;
      centred(line, PAGE_CENTRE, y, bold, 14);
    }
    rule(page, PAGE_CENTRE, y - 9, 80);
    y -= 20;
  } else {
    for (const line of wrap(`V/v ${letter.subject}`, regular, 12, 210)) {
      centred(line, LEFT_CENTRE, y, regular, 12);
      y -= 15;
    }
  }
  y -= 20;
  for (const paragraph of letter.body ?? []) {
    for (const line of wrap(paragraph, regular, 13, 460)) {
      page.drawText(line, { x: 70, y, size: 13, font: regular });
      y -= 18;
    }
  }
  if (letter.signer) {
    y -= 20;
    centred(letter.signer.authority, RIGHT_CENTRE, y, bold, 13);
    centred(letter.signer.title, RIGHT_CENTRE, y - 16, bold, 13);
    centred(letter.signer.name, RIGHT_CENTRE, y - 90, bold, 13);
    page.drawText('Nơi nhận:', { x: 70, y, size: 12, font: bold });
    page.drawText('- Như trên;', { x: 70, y: y - 14, size: 11, font: regular });
    page.drawText('- Lưu: VT.', { x: 70, y: y - 28, size: 11, font: regular });
  }
  return Buffer.from(await doc.save());
}

/** The same letter as a scanner delivers it: one picture per page and no text layer. */
export async function scannedLetterPdf(pages = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(signaturePng());
  for (let index = 0; index < pages; index++) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawImage(image, { x: 60, y: 300, width: 475, height: 190 });
  }
  return Buffer.from(await doc.save());
}

function rule(page: PDFPage, centre: number, y: number, width: number): void {
  page.drawLine({
    start: { x: centre - width / 2, y },
    end: { x: centre + width / 2, y },
    thickness: 0.6,
    color: rgb(0, 0, 0),
  });
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
