// Adds an empty signature to a PDF as an incremental update: the signature
// dictionary with a /ByteRange and /Contents to be filled, its widget with the
// Decree 30 appearance, and the AcroForm entry. Earlier bytes are never
// rewritten, so signatures already in the file stay valid (ISO 32000-1 §7.5.6).
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { AppError } from '../../../shared/errors.ts';
import { appearanceParts, captionLines, drawAppearance, type AppearanceSpec, type Box } from './appearance.ts';
import type { AppearanceParts, PageBox, Placed } from './placement.ts';
import { pngPixelsPerInch } from '../png-image.ts';
import { preparePng, registerFont, registerImage } from './appearance-resources.ts';

export const BYTE_RANGE_PLACEHOLDER = '**********';
/** Room for a chain of four RSA-4096 certificates, a timestamp token and later revocation data (research note §2). */
export const CONTENTS_BYTES = 24 * 1024;

export interface PlaceholderOptions {
  subFilter: 'ETSI.CAdES.detached';
  fieldName: string;
  signingTime: Date;
  reason: string | null;
  signerName: string | null;
  appearance: AppearanceSpec;
  /** Picks the page and where each part goes, given the pages' visible boxes and the parts' real sizes. */
  place(pages: PageBox[], parts: AppearanceParts): Placed;
}

export interface PreparedPdf {
  bytes: Uint8Array;
  pageIndex: number;
  box: Box;
  /** Where the signer image ended up, for a seal that must overlap it. */
  imageBox: Box | null;
}

export async function addSignaturePlaceholder(original: Uint8Array, options: PlaceholderOptions): Promise<PreparedPdf> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(original, {
      forIncrementalUpdate: true,
      updateMetadata: false,
      ignoreEncryption: false,
    });
  } catch (error) {
    throw new AppError('PDF_CORRUPT', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const snapshot = doc.takeSnapshot();
  const font = registerFont(doc.context, captionLines(options.appearance));
  const imageBytes =
    options.appearance.kind === 'personal'
      ? options.appearance.image
      : options.appearance.kind === 'organization'
        ? options.appearance.seal
        : null;
  const prepared = imageBytes ? await preparePng(imageBytes) : null;
  const image = prepared && imageBytes ? { ref: registerImage(doc.context, prepared) } : null;

  const pages = doc.getPages();
  const parts = appearanceParts(
    options.appearance,
    prepared && imageBytes
      ? { width: prepared.width, height: prepared.height, pixelsPerInch: pngPixelsPerInch(imageBytes) }
      : null,
  );
  // What a viewer shows of each page: its crop box, which falls back to the media box.
  const placed = options.place(
    pages.map((page) => page.getCropBox()),
    parts,
  );
  const { pageIndex, box } = placed;
  const page = pages[pageIndex];
  if (!page) throw new AppError('SIGN_PLACEMENT_INVALID', `page ${pageIndex + 1} of ${pages.length}`);
  const visible = page.getCropBox();
  if (
    box.x < visible.x - 0.5 ||
    box.y < visible.y - 0.5 ||
    box.x + box.width > visible.x + visible.width + 0.5 ||
    box.y + box.height > visible.y + visible.height + 0.5
  ) {
    throw new AppError(
      'SIGN_PLACEMENT_INVALID',
      `box ${JSON.stringify(box)} on a ${visible.width}x${visible.height} page`,
    );
  }
  const appearance = drawAppearance(doc, options.appearance, font, image, placed);

  const context = doc.context;
  const signature = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: options.subFilter,
    ByteRange: [
      0,
      PDFName.of(BYTE_RANGE_PLACEHOLDER),
      PDFName.of(BYTE_RANGE_PLACEHOLDER),
      PDFName.of(BYTE_RANGE_PLACEHOLDER),
    ],
    Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
    M: PDFString.fromDate(options.signingTime),
  });
  if (options.reason) signature.set(PDFName.of('Reason'), PDFHexString.fromText(options.reason));
  if (options.signerName) signature.set(PDFName.of('Name'), PDFHexString.fromText(options.signerName));
  const signatureRef = context.register(signature);

  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [box.x, box.y, box.x + box.width, box.y + box.height].map((value) =>
      PDFNumber.of(Math.round(value * 100) / 100),
    ),
    V: signatureRef,
    T: PDFHexString.fromText(options.fieldName),
    // Print (4) + Locked (128): the appearance is part of the signed record.
    F: 4 | 128,
    P: page.ref,
    AP: { N: appearance },
  });
  const widgetRef = context.register(widget);

  addToArray(doc, snapshot, page.node, 'Annots', widgetRef, page.ref);
  const catalogRef = context.trailerInfo.Root as PDFRef;
  snapshot.markRefForSave(catalogRef);
  let acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  const acroFormEntry = doc.catalog.get(PDFName.of('AcroForm'));
  if (!acroForm) {
    acroForm = context.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), context.register(acroForm));
  } else if (acroFormEntry instanceof PDFRef) {
    snapshot.markRefForSave(acroFormEntry);
  }
  // SignaturesExist (1) + AppendOnly (2): tells editors to save incrementally from now on.
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  addToArray(doc, snapshot, acroForm, 'Fields', widgetRef, null);

  const increment = await doc.saveIncremental(snapshot, {
    useObjectStreams: false,
    objectsPerTick: Number.POSITIVE_INFINITY,
  });
  // The writer numbers offsets from the end of the original and starts the update with its own newline.
  const bytes = new Uint8Array(original.length + increment.length);
  bytes.set(original, 0);
  bytes.set(increment, original.length);
  return { bytes, pageIndex, box, imageBox: placed.image };
}

/** Appends `ref` to dict[key], creating the array; marks whichever object holds the array as changed. */
export function addToArray(
  doc: PDFDocument,
  snapshot: ReturnType<PDFDocument['takeSnapshot']>,
  dict: PDFDict,
  key: string,
  ref: PDFRef,
  dictRef: PDFRef | null,
): void {
  const name = PDFName.of(key);
  const entry: PDFObject | undefined = dict.get(name);
  if (entry instanceof PDFRef) {
    const array = doc.context.lookup(entry);
    if (array instanceof PDFArray) {
      array.push(ref);
      snapshot.markRefForSave(entry);
      return;
    }
  }
  if (entry instanceof PDFArray) entry.push(ref);
  else dict.set(name, doc.context.obj([ref]));
  if (dictRef) snapshot.markRefForSave(dictRef);
}
