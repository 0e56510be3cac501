// The visible part of a signature, as Decree 30/2020 Appendix I prescribes:
// - personal (7d): the signer's handwritten signature image, blue, centred
//   between the signer's title and name, with the signer's name and time;
// - organization (8a): the red seal at its real size over the left third of
//   the signer's image, with the agency name and time;
// - appendix in a separate file (8b, III.1d): no image; agency, number and
//   time at the top right of page 1 in 10 pt Times-style serif, black.
import { PDFNumber, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { encodeText, textWidth } from './appearance-resources.ts';
import { vietnamIsoTime } from './vietnam-time.ts';

export type AppearanceSpec =
  | { kind: 'personal'; image: Uint8Array | null; signerName: string; time: Date }
  | { kind: 'organization'; seal: Uint8Array | null; sealSizePt: number; agencyName: string; time: Date }
  | { kind: 'appendix'; agencyName: string; notation: string | null; time: Date };

/** A rectangle in PDF user space (points, origin at the page's lower left). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the image sits inside the appearance box, so a later seal can overlap it. */
export interface DrawnAppearance {
  stream: PDFRef;
  imageBox: Box | null;
}

const CAPTION_SIZE = 7;
const APPENDIX_TEXT_SIZE = 10;
const LINE_GAP = 1.25;
const PERSONAL_IMAGE_MAX = { width: 150, height: 60 };

export function captionLines(spec: AppearanceSpec): string[] {
  const time = vietnamIsoTime(spec.time);
  switch (spec.kind) {
    case 'personal':
      return [`Ký bởi: ${spec.signerName}`, `Thời gian ký: ${time}`];
    case 'organization':
      return [`Ký bởi: ${spec.agencyName}`, `Thời gian ký: ${time}`];
    case 'appendix':
      return [spec.agencyName, ...(spec.notation ? [`Số, ký hiệu: ${spec.notation}`] : []), time];
  }
}

/** Image size in points that fits the box the appearance allows, keeping its aspect. */
function fitImage(
  image: { width: number; height: number },
  max: { width: number; height: number },
): { width: number; height: number } {
  const scale = Math.min(max.width / image.width, max.height / image.height);
  return { width: image.width * scale, height: image.height * scale };
}

/** Width and height of the appearance box for this spec. */
export function appearanceSize(
  spec: AppearanceSpec,
  image: { width: number; height: number } | null,
): { width: number; height: number } {
  const lines = captionLines(spec);
  const size = spec.kind === 'appendix' ? APPENDIX_TEXT_SIZE : CAPTION_SIZE;
  const widest = Math.max(...lines.map((line) => textWidth(line, size)));
  const textHeight = lines.length * size * LINE_GAP;
  if (spec.kind === 'appendix') return { width: widest + 2, height: textHeight + 2 };
  if (spec.kind === 'organization') {
    const seal = spec.sealSizePt;
    return { width: Math.max(seal, widest), height: seal + textHeight };
  }
  const drawn = image ? fitImage(image, PERSONAL_IMAGE_MAX) : { width: 0, height: PERSONAL_IMAGE_MAX.height / 2 };
  return { width: Math.max(drawn.width, widest), height: drawn.height + textHeight };
}

/** Draws the appearance as a form XObject of the box's size; returns its reference. */
export function drawAppearance(
  doc: PDFDocument,
  spec: AppearanceSpec,
  font: PDFRef,
  image: { ref: PDFRef; width: number; height: number } | null,
  box: Box,
): DrawnAppearance {
  const lines = captionLines(spec);
  const size = spec.kind === 'appendix' ? APPENDIX_TEXT_SIZE : CAPTION_SIZE;
  const lineHeight = size * LINE_GAP;
  const ops: string[] = [];
  let imageBox: Box | null = null;

  if (image && spec.kind !== 'appendix') {
    const drawn =
      spec.kind === 'organization'
        ? { width: spec.sealSizePt, height: spec.sealSizePt }
        : fitImage(image, PERSONAL_IMAGE_MAX);
    const x = (box.width - drawn.width) / 2;
    const y = box.height - drawn.height;
    imageBox = { x: box.x + x, y: box.y + y, width: drawn.width, height: drawn.height };
    ops.push('q', `${num(drawn.width)} 0 0 ${num(drawn.height)} ${num(x)} ${num(y)} cm`, '/Img Do', 'Q');
  }

  // Captions: centred under the image; the appendix block is right-aligned at the top right.
  ops.push('q', '0 0 0 rg', 'BT', `/F1 ${size} Tf`);
  const descent = size * 0.25;
  lines.forEach((line, index) => {
    const width = textWidth(line, size);
    const x = spec.kind === 'appendix' ? box.width - width - 1 : (box.width - width) / 2;
    const y =
      spec.kind === 'appendix'
        ? box.height - (index + 1) * lineHeight + descent
        : (lines.length - index - 1) * lineHeight + descent;
    ops.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`, `${encodeText(line)} Tj`);
  });
  ops.push('ET', 'Q');

  const resources: Record<string, unknown> = { Font: { F1: font } };
  if (image && imageBox) resources.XObject = { Img: image.ref };
  const stream = doc.context.stream(ops.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, box.width, box.height].map((value) => PDFNumber.of(round(value))),
    Resources: doc.context.obj(resources as never),
  });
  return { stream: doc.context.register(stream), imageBox };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function num(value: number): string {
  return String(round(value));
}
