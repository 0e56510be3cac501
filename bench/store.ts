// Store benchmark: seeds a realistic archive through the API table, then
// times the first page of search results per query class against a
// LIKE '%…%' scan over the same folded text.
//
//   npm run bench -- store [--docs 100000] [--queries 200] [--baseline-queries 30] [--data <dir>] [--pdfs 300]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { foldedWords, foldVietnamese } from '../shared/fold.ts';
import { call } from '../core/api.ts';
import { searchPlan } from '../core/documents/search.ts';
import { toDocumentView } from '../core/documents/view.ts';
import { getDocumentRowsBySeq } from '../core/db/documents.ts';
import { localDate } from '../shared/dates.ts';
import { openCore, type Core } from '../core/context.ts';
import { defaultSeedOptions, seedArchive } from '../scripts/seed.ts';
import { mulberry32 } from '../scripts/seed/generate-archive.ts';

interface Timing {
  p50: number;
  p95: number;
  max: number;
}

type QueryClass = 'common' | 'rare' | 'names' | 'notation';

const PAGE = 20;

export async function run(args: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args,
    options: {
      docs: { type: 'string' },
      queries: { type: 'string' },
      'baseline-queries': { type: 'string' },
      data: { type: 'string' },
      pdfs: { type: 'string' },
    },
  });
  const docs = Number(values.docs ?? 100_000);
  const queriesPerClass = Number(values.queries ?? 200);
  const baselinePerClass = Number(values['baseline-queries'] ?? 30);
  const dataDir = values.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-store-'));

  // A --data dir that already holds an archive is reused as it is (handy while
  // tuning); the insert rate is only measured when this run seeds.
  const seeded = alreadySeeded(dataDir)
    ? null
    : await seedArchive(
        dataDir,
        { ...defaultSeedOptions, docs, pdfPool: Number(values.pdfs ?? defaultSeedOptions.pdfPool) },
        (done) => process.stderr.write(`seeding ${done} / ${docs}\r`),
      );

  const core = openCore(dataDir, { actor: 'bench' });
  try {
    const queries = pickQueries(core, queriesPerClass);
    const classes: Record<string, unknown> = {};
    const mix = { relevance: [] as number[], date: [] as number[] };
    let worstFirstPageP95 = 0;
    for (const [name, list] of Object.entries(queries) as [QueryClass, string[]][]) {
      const relevance = await timeAll(list, (query) => call(core, 'documents.search', { query, limit: PAGE }));
      const byDate = await timeAll(list, (query) =>
        call(core, 'documents.search', { query, limit: PAGE, sort: 'date' }),
      );
      const asYouType = await timeAll(list, (query) =>
        call(core, 'documents.search', { query, limit: PAGE, prefix: true }),
      );
      const baselineList = list.slice(0, baselinePerClass);
      const ftsSameQueries = await timeAll(baselineList, (query) =>
        call(core, 'documents.search', { query, limit: PAGE }),
      );
      const like = await timeAll(baselineList, (query) => likeScan(core, query));
      worstFirstPageP95 = Math.max(worstFirstPageP95, relevance.timing.p95, byDate.timing.p95, asYouType.timing.p95);
      mix.relevance.push(...relevance.samples);
      mix.date.push(...byDate.samples);
      classes[name] = {
        queries: list.length,
        examples: list.slice(0, 3),
        medianMatches: medianMatches(core, list),
        ftsRelevanceMs: relevance.timing,
        ftsByDateMs: byDate.timing,
        ftsAsYouTypeMs: asYouType.timing,
        baseline: {
          queries: baselineList.length,
          likeMs: like.timing,
          ftsMs: ftsSameQueries.timing,
          ratioP50: round(like.timing.p50 / ftsSameQueries.timing.p50),
          ratioP95: round(like.timing.p95 / ftsSameQueries.timing.p95),
        },
      };
    }
    const docsSearched = documentCount(core);
    const durable = await durableRegistrations(core, 200);
    return {
      bench: 'store',
      docs: docsSearched,
      duplicatesSkipped: seeded?.duplicatesSkipped ?? null,
      vocabulary: vocabularySize(core),
      seedSeconds: seeded ? round(seeded.seconds) : null,
      insertPerSecond: seeded ? round(seeded.perSecond) : null,
      durableRegistrationMs: durable,
      dbBytes: fs.statSync(path.join(dataDir, 'vanthu.db')).size,
      // The acceptance figure: the whole query mix, first page by relevance and by date.
      firstPageMixMs: { relevance: summarize(mix.relevance), date: summarize(mix.date) },
      firstPageP95MaxMs: round(worstFirstPageP95),
      classes,
    };
  } finally {
    core.close();
    if (!values.data) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function alreadySeeded(dataDir: string): boolean {
  if (!fs.existsSync(path.join(dataDir, 'vanthu.db'))) return false;
  const core = openCore(dataDir);
  try {
    return documentCount(core) > 0;
  } finally {
    core.close();
  }
}

function documentCount(core: Core): number {
  return (core.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
}

// "cho hộ ông Lê Đình Dũng, thôn Đông Hải": a person's full name after ông/bà.
const PERSON_NAME = /(?:ông|bà|đồng chí) ((?:\p{Lu}\p{Ll}*)(?: \p{Lu}\p{Ll}*){2,3})/u;

/**
 * Queries drawn from the seeded archive itself: common = the most frequent
 * subject words (one, two or three together); rare = the words found in the
 * fewest documents (uncommon given names, mountain villages); names = people's
 * full names as written in subjects (each syllable common, the name rare);
 * notation = số/ký hiệu of random documents.
 */
function pickQueries(core: Core, perClass: number): Record<QueryClass, string[]> {
  core.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, 'documents_fts', 'col')");
  const frequent = (
    core.db
      .prepare(
        "SELECT term FROM temp.bench_vocab WHERE col = 'subject' AND length(term) > 2 ORDER BY doc DESC LIMIT 60",
      )
      .all() as { term: string }[]
  ).map((row) => row.term);
  // The rarest words (fewest documents); at 100,000 documents each is in at most a handful.
  const rare = (
    core.db
      .prepare(
        "SELECT term, SUM(doc) AS docs FROM temp.bench_vocab WHERE term GLOB '[a-z][a-z]*' GROUP BY term ORDER BY docs, term LIMIT ?",
      )
      .all(perClass) as { term: string }[]
  ).map((row) => row.term);
  const names = (
    core.db
      .prepare(
        "SELECT subject FROM documents WHERE subject LIKE '%ông %' OR subject LIKE '%bà %' ORDER BY random() LIMIT ?",
      )
      .all(perClass * 3) as { subject: string }[]
  )
    .map((row) => PERSON_NAME.exec(row.subject)?.[1])
    .filter((name): name is string => name !== undefined)
    .slice(0, perClass);
  const random = mulberry32(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const common = Array.from({ length: perClass }, (_, i) =>
    Array.from({ length: (i % 3) + 1 }, () => pick(frequent)).join(' '),
  );
  const notations = (
    core.db
      .prepare('SELECT notation FROM documents WHERE notation IS NOT NULL ORDER BY random() LIMIT ?')
      .all(perClass) as {
      notation: string;
    }[]
  ).map((row) => row.notation);
  return {
    common,
    rare,
    names,
    notation: notations,
  };
}

/**
 * The baseline: the same first page, newest first, by scanning the folded text
 * with LIKE, and the same document views built from it.
 */
function likeScan(core: Core, query: string): unknown[] {
  const needles = query.includes('/') ? [foldVietnamese(query)] : foldedWords(query);
  const where = needles.map(() => "(c0 || ' ' || c1 || ' ' || c2 || ' ' || c3) LIKE ?").join(' AND ');
  const seqs = (
    core.db
      .prepare(`SELECT id FROM documents_fts_content WHERE ${where} ORDER BY id DESC LIMIT ${PAGE}`)
      .all(...needles.map((needle) => `%${needle}%`)) as { id: number }[]
  ).map((row) => row.id);
  const today = localDate(core.now());
  return getDocumentRowsBySeq(core.db, seqs).map((row) => toDocumentView(core.db, row, today));
}

async function durableRegistrations(core: Core, count: number): Promise<Timing> {
  core.db.pragma('synchronous = FULL');
  // Unique per run, so a reused --data dir never sees them as duplicates.
  const run = Date.now().toString(36).toUpperCase();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call(core, 'incoming.register', {
      issuerName: 'UBND huyện Quảng Xương',
      notation: `${i + 1}/BENCH-${run}`,
      issuedOn: '2026-11-20',
      arrivedOn: '2026-11-26',
      type: 'CV',
      subject: `Về việc đo thời gian vào sổ ${i}`,
    });
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function timeAll(
  queries: string[],
  run: (query: string) => unknown,
): Promise<{ timing: Timing; samples: number[] }> {
  const samples: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await run(query);
    samples.push(performance.now() - started);
  }
  return { timing: summarize(samples), samples };
}

/** How many documents a query of the class matches: shows "rare" is rare and "common" is common. */
function medianMatches(core: Core, queries: string[]): number {
  const count = core.db.prepare('SELECT COUNT(*) AS n FROM documents_fts WHERE documents_fts MATCH ?');
  const counts = queries
    .map((query) => searchPlan(query)?.match)
    .filter((match): match is string => match !== undefined)
    .map((match) => (count.get(match) as { n: number }).n)
    .sort((a, b) => a - b);
  return counts[Math.floor(counts.length / 2)] ?? 0;
}

function vocabularySize(core: Core): number {
  return (core.db.prepare('SELECT COUNT(DISTINCT term) AS n FROM temp.bench_vocab').get() as { n: number }).n;
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)!) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
