// Fills a data dir with a realistic commune archive through the real API
// table, so the store, the registers, the index and the audit chain hold
// exactly what the app itself would write.
//
//   npm run seed -- --data <dir> [--docs 100000] [--seed 1] [--from 2022] [--to 2026] [--pdfs 300] [--durable]
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { AppError } from '../shared/errors.ts';
import { foldVietnamese } from '../shared/fold.ts';
import { call } from '../core/api.ts';
import { openCore, type Core } from '../core/context.ts';
import { asciiPdf } from './lib/make-pdf.ts';
import { generateArchive, isoDay, type SeedDocument } from './seed/generate-archive.ts';

export interface SeedOptions {
  docs: number;
  seed: number;
  fromYear: number;
  toYear: number;
  /** Distinct PDFs to draw attachments from; most documents carry one. */
  pdfPool: number;
  /**
   * Keep synchronous=FULL as the app does. Off by default: a bulk load does
   * not need each of 100,000 commits on the platter before the next.
   */
  durable: boolean;
}

export interface SeedResult {
  inserted: number;
  duplicatesSkipped: number;
  seconds: number;
  perSecond: number;
}

export const defaultSeedOptions: SeedOptions = {
  docs: 100_000,
  seed: 1,
  fromYear: 2022,
  toYear: 2026,
  pdfPool: 300,
  durable: false,
};

const DAY_MS = 86_400_000;

export async function seedArchive(
  dataDir: string,
  options: SeedOptions,
  onProgress?: (done: number) => void,
): Promise<SeedResult> {
  let clock = new Date();
  const core = openCore(dataDir, { actor: 'seed', now: () => clock });
  try {
    if (!options.durable) core.db.pragma('synchronous = OFF');
    const status = await call(core, 'office.status', {});
    if (!status.office) await call(core, 'office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' });
    const pool = await pdfPool(options);

    // Dates run from 1 January of the first year up to today at the latest.
    const start = Date.UTC(options.fromYear, 0, 1);
    const span = Math.min(Date.UTC(options.toYear + 1, 0, 1), Date.now()) - start;
    const began = performance.now();
    let inserted = 0;
    let duplicatesSkipped = 0;
    let index = 0;
    for (const doc of generateArchive({
      count: options.docs,
      seed: options.seed,
      fromYear: options.fromYear,
      toYear: options.toYear,
    })) {
      // Registers are filled in time order, so documents get dates that grow
      // with their position; the generator's own gaps (issue → arrival → due) are kept.
      const day = new Date(start + Math.floor((index * span) / options.docs / DAY_MS) * DAY_MS);
      clock = new Date(day.getTime() + 9 * 3_600_000);
      const pdf = index % 10 === 9 ? undefined : pool[index % pool.length];
      index++;
      try {
        await register(core, doc, day, pdf);
        inserted++;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'DOCUMENT_DUPLICATE')) throw error;
        duplicatesSkipped++;
      }
      if (index % 5000 === 0) onProgress?.(index);
    }
    const seconds = (performance.now() - began) / 1000;
    return { inserted, duplicatesSkipped, seconds, perSecond: inserted / seconds };
  } finally {
    core.close();
  }
}

async function register(core: Core, doc: SeedDocument, day: Date, pdf: string | undefined): Promise<void> {
  const file =
    pdf === undefined ? undefined : { base64: pdf, filename: `${doc.type}-${day.toISOString().slice(0, 10)}.pdf` };
  const shift = (date: string | null, from: string | null) =>
    date && from ? isoDay(day.getTime() + (Date.parse(date) - Date.parse(from))) : undefined;
  if (doc.direction === 'incoming') {
    const arrivedOn = isoDay(day.getTime());
    await call(core, 'incoming.register', {
      issuerName: doc.issuerName ?? 'UBND huyện',
      notation: doc.writtenCode ?? '01/UBND',
      issuedOn: shift(doc.issuedOn, doc.arrivedOn) ?? arrivedOn,
      arrivedOn,
      type: doc.type,
      subject: doc.subject,
      urgency: doc.urgency,
      secrecy: doc.secrecy,
      dueOn: shift(doc.dueOn, doc.arrivedOn),
      file,
    });
    return;
  }
  const draft = await call(core, 'outgoing.draft', {
    type: doc.type,
    subject: doc.subject,
    urgency: doc.urgency,
    secrecy: doc.secrecy,
    signerName: doc.signerName ?? undefined,
    signerTitle: doc.signerTitle ?? undefined,
    file,
  });
  await call(core, 'outgoing.issue', { id: draft.id, issuedOn: isoDay(day.getTime()) });
}

/** PDFs carrying realistic body text; standard fonts cannot encode Vietnamese, so the text is folded. */
async function pdfPool(options: SeedOptions): Promise<string[]> {
  const pool: string[] = [];
  for (const doc of generateArchive({
    count: options.pdfPool,
    seed: options.seed + 1,
    fromYear: options.fromYear,
    toYear: options.toYear,
  })) {
    const text = foldVietnamese(`${doc.subject}. ${doc.body}`).replace(/[^\x20-\x7e]/g, ' ');
    pool.push((await asciiPdf(text)).toString('base64'));
  }
  return pool;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      docs: { type: 'string' },
      seed: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      pdfs: { type: 'string' },
      durable: { type: 'boolean' },
    },
  });
  if (!values.data)
    throw new Error(
      'usage: npm run seed -- --data <dir> [--docs N] [--seed S] [--from YEAR] [--to YEAR] [--pdfs N] [--durable]',
    );
  const options: SeedOptions = {
    docs: Number(values.docs ?? defaultSeedOptions.docs),
    seed: Number(values.seed ?? defaultSeedOptions.seed),
    fromYear: Number(values.from ?? defaultSeedOptions.fromYear),
    toYear: Number(values.to ?? defaultSeedOptions.toYear),
    pdfPool: Number(values.pdfs ?? defaultSeedOptions.pdfPool),
    durable: values.durable === true,
  };
  const result = await seedArchive(values.data, options, (done) => process.stderr.write(`${done} / ${options.docs}\r`));
  process.stdout.write(`${JSON.stringify({ dataDir: values.data, ...options, ...result })}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
