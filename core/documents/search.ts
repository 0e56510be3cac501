import type { Outputs, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { foldedWords } from '../../shared/fold.ts';
import type { Core } from '../context.ts';
import { getDocumentRowsBySeq } from '../db/documents.ts';
import { searchDocumentSeqs } from '../db/search.ts';
import { resolveDocumentType } from './types.ts';
import { toDocumentView } from './view.ts';

/**
 * Turns what the clerk typed into an FTS5 query over the folded index.
 * Something with a "/" is a số/ký hiệu ("15/UBND-VP"): its words must follow
 * each other in the notation column. Otherwise every word must appear
 * somewhere, the last one as a prefix so results come while typing.
 */
export function matchExpression(query: string): string | null {
  const words = foldedWords(query);
  if (words.length === 0) return null;
  if (query.includes('/')) return `code : "${words.join(' ')}"`;
  const last = words.length - 1;
  return words.map((word, index) => `"${word}"${index === last && word.length >= 2 ? '*' : ''}`).join(' ');
}

export function searchDocuments(core: Core, input: ValidInput<'documents.search'>): Outputs['documents.search'] {
  const today = localDate(core.now());
  const bounds = filedBounds(input);
  const seqs = searchDocumentSeqs(core.db, {
    match: matchExpression(input.query),
    filters: {
      direction: input.direction,
      docType: input.type === undefined ? undefined : resolveDocumentType(input.type).key,
      urgency: input.urgency,
      filedFrom: bounds.from,
      filedBefore: bounds.before,
      overdueOn: input.overdue ? today : undefined,
    },
    sort: input.sort,
    limit: input.limit + 1,
    offset: input.offset,
  });
  const page = seqs.slice(0, input.limit);
  return {
    results: getDocumentRowsBySeq(core.db, page).map((row) => toDocumentView(core.db, row, today)),
    hasMore: seqs.length > input.limit,
  };
}

/** The year and the from/to dates both narrow the register date; keep their overlap. */
function filedBounds(input: ValidInput<'documents.search'>): { from?: string; before?: string } {
  const froms = [input.year === undefined ? undefined : `${input.year}-01-01`, input.from].filter(isDefined);
  const befores = [input.year === undefined ? undefined : `${input.year + 1}-01-01`, input.to && dayAfter(input.to)].filter(
    isDefined,
  );
  return {
    ...(froms.length ? { from: froms.sort().at(-1)! } : {}),
    ...(befores.length ? { before: befores.sort()[0]! } : {}),
  };
}

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function isDefined<T>(value: T | undefined | ''): value is T {
  return value !== undefined && value !== '';
}
