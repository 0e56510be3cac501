import type { Outputs, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { foldedWords } from '../../shared/fold.ts';
import type { Core } from '../context.ts';
import { getDocumentRowsBySeq } from '../db/documents.ts';
import { indexedSubjects, seqsByFilingOrder, type SearchFilters } from '../db/search.ts';
import { resolveDocumentType } from './types.ts';
import { toDocumentView } from './view.ts';

/** What the clerk typed, as FTS5 queries over the folded index. */
export interface SearchPlan {
  /** Every word somewhere in the document. */
  match: string;
  /** Relevance tiers, best first: every word in the trích yếu, then anywhere else. */
  tiers: string[];
  /** Folded words whose adjacency lifts a result, or null for a single word or a số/ký hiệu. */
  adjacentWords: string[] | null;
}

// A số/ký hiệu as typed: a number, "/", then letters ("15/UBND-VP", "802/QĐ").
const NOTATION = /\d+\s*\/\s*[\p{L}\p{N}&.-]*[\p{L}][\p{L}\p{N}&.-]*/u;
// "V/v" is how subjects abbreviate "Về việc": it says nothing to search for.
const ABOUT = /(^|\s)v\s*\/\s*v(?=\s|$)/giu;

/**
 * A số/ký hiệu in the query must match as a phrase in the notation column;
 * every other word must appear somewhere. While typing (`prefix`), the last
 * word may be the start of a word; a lone last letter is left out until the
 * next one comes.
 */
export function searchPlan(query: string, prefix = false): SearchPlan | null {
  const notation = NOTATION.exec(query)?.[0];
  const rest = (notation ? query.replace(notation, ' ') : query).replace(ABOUT, ' ');
  const words = foldedWords(rest);
  let star = prefix ? '*' : '';
  if (prefix && words.at(-1)?.length === 1) {
    words.pop();
    star = '';
  }
  const code = notation ? `code : "${foldedWords(notation).join(' ')}"${words.length ? '' : star}` : '';
  const match = [code, words.length ? `${words.map((word) => `"${word}"`).join(' ')}${star}` : '']
    .filter(Boolean)
    .join(' ');
  if (!match) return null;
  if (notation) return { match, tiers: [match], adjacentWords: null };
  const inSubject = `subject : (${match})`;
  return { match, tiers: [inSubject, `(${match}) NOT ${inSubject}`], adjacentWords: words.length > 1 ? words : null };
}

/**
 * How many of the newest subject matches are put in order by adjacency; past
 * them, results follow in filing order.
 */
const RERANK_WINDOW = 200;

export function searchDocuments(core: Core, input: ValidInput<'documents.search'>): Outputs['documents.search'] {
  const today = localDate(core.now());
  const bounds = filedBounds(input);
  const filters: SearchFilters = {
    direction: input.direction,
    docType: input.type === undefined ? undefined : resolveDocumentType(input.type).key,
    urgency: input.urgency,
    filedFrom: bounds.from,
    filedBefore: bounds.before,
    overdueOn: input.overdue ? today : undefined,
  };
  const plan = searchPlan(input.query, input.prefix);
  // One more than the page, to tell whether another page follows.
  const end = input.offset + input.limit + 1;
  let seqs: number[];
  if (plan === null || input.sort === 'date') {
    seqs = seqsByFilingOrder(core.db, plan?.match ?? null, filters, input.limit + 1, input.offset);
  } else {
    const ranked: number[] = [];
    for (const [index, tier] of plan.tiers.entries()) {
      if (ranked.length >= end) break;
      const found = seqsByFilingOrder(
        core.db,
        tier,
        filters,
        Math.max(end - ranked.length, index === 0 ? RERANK_WINDOW : 0),
        0,
      );
      ranked.push(
        ...(index === 0 && plan.adjacentWords ? adjacentFirst(core, found, plan.adjacentWords, input.prefix) : found),
      );
    }
    seqs = ranked.slice(input.offset, end);
  }
  const page = seqs.slice(0, input.limit);
  return {
    results: getDocumentRowsBySeq(core.db, page).map((row) => toDocumentView(core.db, row, today)),
    hasMore: seqs.length > input.limit,
  };
}

/**
 * Relevance the way a clerk judges it: the words in the trích yếu beat the
 * words in the issuer or the PDF text; within the trích yếu, syllables side by
 * side ("đất đai", "Nguyễn Thị Lan") beat scattered ones; then newer first.
 * Only the newest RERANK_WINDOW subject matches are reordered; the rest stay in
 * filing order.
 */
function adjacentFirst(core: Core, seqs: number[], words: string[], prefix: boolean): number[] {
  const head = seqs.slice(0, RERANK_WINDOW);
  const subjects = indexedSubjects(core.db, head);
  const needle = ` ${words.join(' ')}${prefix ? '' : ' '}`;
  const together: number[] = [];
  const scattered: number[] = [];
  for (const seq of head) {
    const text = ` ${foldedWords(subjects.get(seq) ?? '').join(' ')} `;
    (text.includes(needle) ? together : scattered).push(seq);
  }
  return [...together, ...scattered, ...seqs.slice(RERANK_WINDOW)];
}

/** The year and the from/to dates both narrow the register date; keep their overlap. */
function filedBounds(input: ValidInput<'documents.search'>): { from?: string; before?: string } {
  const froms = [input.year === undefined ? undefined : `${input.year}-01-01`, input.from].filter(isDefined);
  const befores = [
    input.year === undefined ? undefined : `${input.year + 1}-01-01`,
    input.to && dayAfter(input.to),
  ].filter(isDefined);
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
