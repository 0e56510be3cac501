// Where a signature's appearance goes on the page (Decree 30/2020 Appendix I),
// fitted to each letter from its stored layout:
// - personal (7d): the signer's image between the title line and the printed
//   name, scaled to the gap (aspect kept, never past its real size);
// - organization (8a): the seal at its real size over the left third of the
//   signer's image;
// - appendix (8b): the stamp at the top right of page 1, where there is room.
// The "Ký bởi / Thời gian ký" captions go where the page has free space beside
// the image; where it has none they are left out of the drawing (the signer and
// the time stay in the signature's own properties). A position the user picked wins.
import { AppError } from '../../../shared/errors.ts';
import { foldedWords } from '../../../shared/fold.ts';
import type { LayoutLine } from '../../db/attachments.ts';
import type { AppearanceSpec, Box } from './appearance.ts';

const MARGIN = 20;
/** Space kept between the image and the text above and below it. */
const PAD = 2;
/** Below this height a handwritten signature is a scribble nobody can recognise (about 6 mm). */
export const MIN_LEGIBLE_HEIGHT = 17;
/** The widest a signature is drawn: a little more than the name column of a Decree 30 letter. */
const MAX_IMAGE = { width: 170, height: 70 };
/** With no title line found, the image takes this much room above the name. */
const DEFAULT_GAP = 60;
const CAPTION_GAP = 4;

/** The signer's printed name and the bottom of the title block above it, on one page. */
export interface SignatureBlock {
  pageIndex: number;
  name: Box;
  titleBottom: number | null;
}

/** A page's visible area (its crop box) in PDF user space: its lower left corner need not be 0, 0. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface UserPlacement {
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
}

export interface PlacementInput {
  spec: AppearanceSpec;
  user: UserPlacement | null;
  /** The file's stored layout: lines of its first and last pages. */
  layout: readonly LayoutLine[];
  /** The signer's name as the letter prints it, for a personal signature. */
  signerName: string | null;
  /** The signer image of an earlier personal signature, for the seal. */
  signerImage: { pageIndex: number; box: Box } | null;
  /** What earlier signatures drew, per page: a caption must not cover them. */
  drawn: { pageIndex: number; box: Box }[];
}

export interface AppearanceParts {
  /** The image's size at its real size, in points; null when the appearance has none. */
  image: { width: number; height: number } | null;
  /** The caption block's size. */
  captions: { width: number; height: number };
}

export interface Placed {
  pageIndex: number;
  /** The widget's rectangle: the union of the parts. */
  box: Box;
  image: Box | null;
  /** Null when the page has no free space for them. */
  captions: Box | null;
}

/** A stored line's words with their extents. */
function wordsOf(line: LayoutLine): { text: string; x: number; width: number }[] {
  return line.text.split(' ').map((text, index) => ({
    text,
    x: line.words[2 * index] ?? line.x,
    width: line.words[2 * index + 1] ?? 0,
  }));
}

/** The words on a page as boxes: what an appearance's captions must not fall on. */
export function wordBoxes(layout: readonly LayoutLine[], pageIndex: number): Box[] {
  return layout
    .filter((line) => line.page === pageIndex)
    .flatMap((line) =>
      wordsOf(line).map((word) => ({
        x: word.x,
        y: line.y - 0.3 * line.size,
        width: word.width,
        height: 1.25 * line.size,
      })),
    );
}

/** Finds the signer's printed name on the last page that shows it, and the title block above it. */
export function signatureBlockIn(layout: readonly LayoutLine[], signerName: string): SignatureBlock | null {
  const wanted = foldedWords(signerName);
  if (wanted.length === 0) return null;
  const pages = [...new Set(layout.map((line) => line.page))].sort((a, b) => b - a);
  for (const page of pages) {
    const lines = layout.filter((line) => line.page === page);
    const name = lines
      .map((line) => ({ line, box: nameBox(line, wanted) }))
      .filter((found): found is { line: LayoutLine; box: Box } => found.box !== null)
      .sort((a, b) => a.box.y - b.box.y)[0];
    if (!name) continue;
    const centre = name.box.x + name.box.width / 2;
    const nameTop = name.box.y + name.box.height;
    // The title block: the nearest line above the name in the same column.
    const title = lines
      .filter((line) => line.y - 0.3 * line.size > nameTop && line.x < centre && line.x + line.width > centre)
      .sort((a, b) => a.y - b.y)[0];
    return { pageIndex: page, name: name.box, titleBottom: title ? title.y - 0.3 * title.size : null };
  }
  return null;
}

/** The box of the words of `line` that spell the name, from the baseline to the top of the capitals. */
function nameBox(line: LayoutLine, wanted: string[]): Box | null {
  const words = wordsOf(line);
  const folded = words.map((word) => foldedWords(word.text).join(' '));
  for (let start = 0; start + wanted.length <= folded.length; start++) {
    if (wanted.every((part, offset) => folded[start + offset] === part)) {
      const first = words[start]!;
      const last = words[start + wanted.length - 1]!;
      return { x: first.x, y: line.y, width: last.x + last.width - first.x, height: 0.95 * line.size };
    }
  }
  return null;
}

/** The image's size in the gap between title and name: scaled down to fit, never up past `natural`. */
export function imageInGap(
  natural: { width: number; height: number },
  block: SignatureBlock,
): { width: number; height: number; gap: number } {
  const nameTop = block.name.y + block.name.height;
  const gap = block.titleBottom === null ? DEFAULT_GAP : block.titleBottom - nameTop - 2 * PAD;
  const scale = Math.min(1, MAX_IMAGE.width / natural.width, MAX_IMAGE.height / natural.height, gap / natural.height);
  return { width: natural.width * Math.max(scale, 0), height: natural.height * Math.max(scale, 0), gap };
}

export function placeAppearance(input: PlacementInput, pageSizes: PageBox[], parts: AppearanceParts): Placed {
  const pageSize = (index: number) => pageSizes[index] ?? pageSizes[0]!;
  const spec = input.spec;
  if (input.user) return placedByUser(input.user, parts, pageSize(input.user.page - 1));
  if (spec.kind === 'appendix') return appendixStamp(input, pageSize(0), parts.captions);
  if (spec.kind === 'organization') return sealPlacement(input, pageSizes, parts);
  return personalPlacement(input, pageSizes, parts);
}

function personalPlacement(input: PlacementInput, pageSizes: PageBox[], parts: AppearanceParts): Placed {
  const natural = parts.image ?? { width: MAX_IMAGE.width * 0.6, height: MAX_IMAGE.height * 0.5 };
  const block = input.signerName ? signatureBlockIn(input.layout, input.signerName) : null;
  if (!block) {
    // No name in the text layer: the signer's column, lower right of the last page.
    const pageIndex = pageSizes.length - 1;
    const page = pageSizes[pageIndex]!;
    const image = fit(natural, MAX_IMAGE);
    const box = clamp(
      { x: page.x + page.width * 0.72 - image.width / 2, y: page.y + page.height * 0.22, ...image },
      page,
    );
    return withCaptions(input, pageIndex, page, parts.image ? box : null, box, parts.captions);
  }
  const drawn = imageInGap(natural, block);
  if (drawn.height < MIN_LEGIBLE_HEIGHT) {
    throw new AppError(
      'SIGN_NO_ROOM',
      `gap of ${drawn.gap.toFixed(1)} pt between the title and "${input.signerName}" on page ${block.pageIndex + 1}`,
    );
  }
  const page = pageSizes[block.pageIndex] ?? pageSizes[0]!;
  const nameTop = block.name.y + block.name.height;
  const gapTop = block.titleBottom ?? nameTop + DEFAULT_GAP + 2 * PAD;
  const image = clamp(
    {
      x: block.name.x + block.name.width / 2 - drawn.width / 2,
      y: nameTop + PAD + (gapTop - nameTop - 2 * PAD - drawn.height) / 2,
      width: drawn.width,
      height: drawn.height,
    },
    page,
  );
  return withCaptions(input, block.pageIndex, page, parts.image ? image : null, image, parts.captions);
}

function sealPlacement(input: PlacementInput, pageSizes: PageBox[], parts: AppearanceParts) {
  const seal = parts.image ?? { width: 0, height: 0 };
  const anchor = input.signerImage ?? sealWithoutSignature(input, pageSizes);
  const page = pageSizes[anchor.pageIndex] ?? pageSizes[0]!;
  const image = anchor.box;
  // Over the left third of the signer's image: the seal's right edge at a third of its width.
  const box = clamp(
    {
      x: image.x + image.width / 3 - seal.width,
      y: image.y + image.height / 2 - seal.height / 2,
      width: seal.width,
      height: seal.height,
    },
    page,
  );
  return withCaptions(input, anchor.pageIndex, page, parts.image ? box : null, box, parts.captions);
}

/** The commune signs a file nobody signed personally: the seal goes where the signer's image would. */
function sealWithoutSignature(input: PlacementInput, pageSizes: PageBox[]): { pageIndex: number; box: Box } {
  const block = input.signerName ? signatureBlockIn(input.layout, input.signerName) : null;
  if (block) {
    const nameTop = block.name.y + block.name.height;
    const top = block.titleBottom ?? nameTop + DEFAULT_GAP;
    return {
      pageIndex: block.pageIndex,
      box: { x: block.name.x, y: nameTop, width: block.name.width, height: Math.max(0, top - nameTop) },
    };
  }
  const pageIndex = pageSizes.length - 1;
  const page = pageSizes[pageIndex]!;
  return {
    pageIndex,
    box: { x: page.x + page.width * 0.72 - 60, y: page.y + page.height * 0.22, width: 120, height: 40 },
  };
}

/** The appendix stamp: at the top right of page 1, moved down past any text it would cover. */
function appendixStamp(input: PlacementInput, page: PageBox, size: AppearanceParts['captions']): Placed {
  const words = wordBoxes(input.layout, 0);
  const top = page.y + page.height;
  const x = page.x + page.width - MARGIN - size.width;
  for (let y = top - MARGIN - size.height; y > top - page.height * 0.4; y -= 4) {
    const box = { x, y, ...size };
    if (!words.some((word) => overlaps(word, box))) return { pageIndex: 0, box, image: null, captions: box };
  }
  // Text to the very top of the page: the stamp goes into the top margin, above it.
  const box = { x, y: top - size.height - 4, ...size };
  return { pageIndex: 0, box, image: null, captions: box };
}

/** The user's point is measured from the visible page's lower left corner, as the window shows the page. */
function placedByUser(user: UserPlacement, parts: AppearanceParts, page: PageBox): Placed {
  const image = parts.image ? fit(parts.image, MAX_IMAGE) : null;
  const captions = parts.captions;
  const width = Math.max(image?.width ?? 0, captions.width);
  const x = page.x + user.x;
  const y = page.y + user.y;
  const imageBox = image ? { x: x + (width - image.width) / 2, y: y + captions.height, ...image } : null;
  const captionBox = { x: x + (width - captions.width) / 2, y, ...captions };
  const box = union([imageBox, captionBox]);
  if (box.x + box.width > page.x + page.width + 0.5 || box.y + box.height > page.y + page.height + 0.5)
    throw new AppError('SIGN_PLACEMENT_INVALID', `box ${JSON.stringify(box)} on a ${page.width}x${page.height} page`);
  return { pageIndex: user.page - 1, box, image: imageBox, captions: captionBox };
}

/**
 * The captions beside the image where the page is free: right of it, left of it, under it,
 * over it; nowhere free, none.
 */
function withCaptions(
  input: PlacementInput,
  pageIndex: number,
  page: PageBox,
  image: Box | null,
  anchor: Box,
  size: AppearanceParts['captions'],
): Placed {
  const taken = [
    ...wordBoxes(input.layout, pageIndex),
    ...input.drawn.filter((item) => item.pageIndex === pageIndex).map((item) => item.box),
  ];
  const middleY = anchor.y + anchor.height / 2 - size.height / 2;
  const middleX = anchor.x + anchor.width / 2 - size.width / 2;
  const candidates: Box[] = [
    { x: anchor.x + anchor.width + CAPTION_GAP, y: middleY, ...size },
    { x: anchor.x - CAPTION_GAP - size.width, y: middleY, ...size },
    { x: middleX, y: anchor.y - CAPTION_GAP - size.height, ...size },
    { x: middleX, y: anchor.y + anchor.height + CAPTION_GAP, ...size },
  ];
  const captions =
    candidates.find(
      (box) =>
        box.x >= page.x &&
        box.y >= page.y &&
        box.x + box.width <= page.x + page.width &&
        box.y + box.height <= page.y + page.height &&
        !taken.some((other) => overlaps(other, box)) &&
        !(image && overlaps(image, box)),
    ) ?? null;
  return { pageIndex, box: union([image ?? anchor, captions]), image, captions };
}

function fit(size: { width: number; height: number }, max: { width: number; height: number }) {
  const scale = Math.min(1, max.width / size.width, max.height / size.height);
  return { width: size.width * scale, height: size.height * scale };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function union(boxes: (Box | null)[]): Box {
  const present = boxes.filter((box): box is Box => box !== null);
  const x = Math.min(...present.map((box) => box.x));
  const y = Math.min(...present.map((box) => box.y));
  const right = Math.max(...present.map((box) => box.x + box.width));
  const top = Math.max(...present.map((box) => box.y + box.height));
  return { x, y, width: right - x, height: top - y };
}

function clamp(box: Box, page: PageBox): Box {
  return {
    ...box,
    x: Math.min(Math.max(box.x, page.x), Math.max(page.x, page.x + page.width - box.width)),
    y: Math.min(Math.max(box.y, page.y), Math.max(page.y, page.y + page.height - box.height)),
  };
}
