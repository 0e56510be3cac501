// Where a signature's appearance goes on the page. By default: under the
// signer's title, centred above the signer's printed name on the last page
// (Decree 30 Appendix I 7d), found in the PDF's text layer; the organization's
// seal over the left third of the signer's image (8a); an appendix's stamp at
// the top right of page 1 (8b). A position the user picked wins.
import { foldVietnamese } from '../../../shared/fold.ts';
import type { LayoutItem } from '../../db/attachments.ts';
import type { AppearanceSpec, Box } from './appearance.ts';

const MARGIN = 20;

/** The signer's printed name and the bottom of the title block above it, on one page. */
export interface SignatureBlock {
  pageIndex: number;
  name: Box;
  titleBottom: number | null;
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
  block: SignatureBlock | null;
  /** The signer image of an earlier personal signature, for the seal. */
  signerImage: { pageIndex: number; box: Box } | null;
}

/** Finds the signer's printed name on the last page that shows it, and the title block above it. */
export function signatureBlockIn(layout: readonly LayoutItem[], signerName: string): SignatureBlock | null {
  const wanted = foldVietnamese(signerName).replace(/\s+/g, ' ').trim();
  if (wanted.length === 0) return null;
  const pages = [...new Set(layout.map((item) => item.page))].sort((a, b) => b - a);
  for (const page of pages) {
    const items = layout.filter((item) => item.page === page);
    const name = items.filter((item) => item.text.includes(wanted)).sort((a, b) => a.y - b.y)[0];
    if (!name) continue;
    const centre = name.x + name.width / 2;
    // The title block: the nearest text above the name in the same column.
    const title = items
      .filter((item) => item.y > name.y + name.height && item.x < centre && item.x + item.width > centre)
      .sort((a, b) => a.y - b.y)[0];
    return {
      pageIndex: page,
      name: { x: name.x, y: name.y, width: name.width, height: name.height },
      titleBottom: title ? title.y : null,
    };
  }
  return null;
}

export function placeAppearance(
  input: PlacementInput,
  pageSizes: { width: number; height: number }[],
  size: { width: number; height: number },
): { pageIndex: number; box: Box } {
  const pageSize = (index: number) => pageSizes[index] ?? pageSizes[0]!;
  const lastPage = { index: pageSizes.length - 1, ...pageSize(pageSizes.length - 1) };
  if (input.user) return { pageIndex: input.user.page - 1, box: { x: input.user.x, y: input.user.y, ...size } };
  const spec = input.spec;
  if (spec.kind === 'appendix') {
    const first = pageSize(0);
    return {
      pageIndex: 0,
      box: { x: first.width - MARGIN - size.width, y: first.height - MARGIN - size.height, ...size },
    };
  }
  if (spec.kind === 'organization' && input.signerImage) {
    const image = input.signerImage.box;
    const seal = spec.sealSizePt;
    const sealX = image.x + image.width / 3 - seal;
    const sealY = image.y + image.height / 2 - seal / 2;
    const captionHeight = size.height - seal;
    const box = { x: sealX - (size.width - seal) / 2, y: sealY - captionHeight, ...size };
    return { pageIndex: input.signerImage.pageIndex, box: clamp(box, pageSize(input.signerImage.pageIndex)) };
  }
  if (input.block) {
    const { name, titleBottom } = input.block;
    const nameTop = name.y + name.height;
    const gap = titleBottom === null ? size.height + 8 : titleBottom - nameTop;
    const y = nameTop + Math.max(2, (gap - size.height) / 2);
    const box = { x: name.x + name.width / 2 - size.width / 2, y, ...size };
    return { pageIndex: input.block.pageIndex, box: clamp(box, pageSize(input.block.pageIndex)) };
  }
  // No name in the text layer (a scan): the signer's column, lower right of the last page.
  const box = { x: lastPage.width * 0.72 - size.width / 2, y: lastPage.height * 0.22, ...size };
  return { pageIndex: lastPage.index, box: clamp(box, lastPage) };
}

function clamp(box: Box, page: { width: number; height: number }): Box {
  return {
    ...box,
    x: Math.min(Math.max(box.x, 0), Math.max(0, page.width - box.width)),
    y: Math.min(Math.max(box.y, 0), Math.max(0, page.height - box.height)),
  };
}
