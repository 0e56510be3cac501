// The visible part of a signature, as Decree 30/2020 Appendix I prescribes:
// - personal (7d): the signer's handwritten signature image, blue, centred
//   between the signer's title and name, with the signer's name and time;
// - organization (8a): the red seal at its real size over the left third of
//   the signer's image, with the agency name and time;
// - appendix in a separate file (8b, III.1d): no image; agency, number and
//   time at the top right of page 1 in 10 pt Times-style serif, black.
import { PDFNumber, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { encodeText, textWidth } from './appearance-resources.ts';
import type { AppearanceParts, Placed } from './placement.ts';
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

const CAPTION_SIZE = 7;
const APPENDIX_TEXT_SIZE = 10;
const LINE_GAP = 1.25;
/** Pixels per inch of a PNG that does not say (a pHYs chunk): what drawing programs assume. */
const DEFAULT_PPI = 96;

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

/**
 * The parts an appearance is made of, at their real size: the image (the signature at the
 * size its PNG says, the seal at the size the settings give) and the block of captions.
 */
export function appearanceParts(
  spec: AppearanceSpec,
  image: { width: number; height: number; pixelsPerInch: number | null } | null,
): AppearanceParts {
  const lines = captionLines(spec);
  const size = spec.kind === 'appendix' ? APPENDIX_TEXT_SIZE : CAPTION_SIZE;
  const captions = {
    width: Math.max(...lines.map((line) => textWidth(line, size))) + 2,
    height: lines.length * size * LINE_GAP + 2,
  };
  if (spec.kind === 'appendix' || !image) return { image: null, captions };
  if (spec.kind === 'organization')
    return { image: { width: spec.sealSizePt, height: (spec.sealSizePt * image.height) / image.width }, captions };
  const points = 72 / (image.pixelsPerInch ?? DEFAULT_PPI);
  return { image: { width: image.width * points, height: image.height * points }, captions };
}

/** Draws the placed appearance as a form XObject the size of its box; returns its reference. */
export function drawAppearance(
  doc: PDFDocument,
  spec: AppearanceSpec,
  font: PDFRef,
  image: { ref: PDFRef } | null,
  placed: Placed,
): PDFRef {
  const { box } = placed;
  const ops: string[] = [];
  if (image && placed.image) {
    const drawn = placed.image;
    ops.push(
      'q',
      `${num(drawn.width)} 0 0 ${num(drawn.height)} ${num(drawn.x - box.x)} ${num(drawn.y - box.y)} cm`,
      '/Img Do',
      'Q',
    );
  }
  if (placed.captions) {
    const lines = captionLines(spec);
    const size = spec.kind === 'appendix' ? APPENDIX_TEXT_SIZE : CAPTION_SIZE;
    const lineHeight = size * LINE_GAP;
    const descent = size * 0.25;
    const area = placed.captions;
    // Captions are centred in their block; the appendix stamp is right-aligned.
    ops.push('q', '0 0 0 rg', 'BT', `/F1 ${size} Tf`);
    lines.forEach((line, index) => {
      const width = textWidth(line, size);
      const x = spec.kind === 'appendix' ? area.width - width - 1 : (area.width - width) / 2;
      const y = area.height - 1 - (index + 1) * lineHeight + descent;
      ops.push(`1 0 0 1 ${num(area.x - box.x + x)} ${num(area.y - box.y + y)} Tm`, `${encodeText(line)} Tj`);
    });
    ops.push('ET', 'Q');
  }
  const resources: Record<string, unknown> = { Font: { F1: font } };
  if (image && placed.image) resources.XObject = { Img: image.ref };
  const stream = doc.context.stream(ops.join('\n'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, box.width, box.height].map((value) => PDFNumber.of(round(value))),
    Resources: doc.context.obj(resources as never),
  });
  return doc.context.register(stream);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function num(value: number): string {
  return String(round(value));
}
