import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { openCore } from '../../core/context.ts';
import { run as runStoreBench } from '../../bench/store.ts';
import { defaultSeedOptions, seedArchive } from '../../scripts/seed.ts';
import { generateArchive } from '../../scripts/seed/generate-archive.ts';
import { tempDir } from '../helpers/office.ts';

describe('seed archive', () => {
  it('is the same archive for the same seed, with a real vocabulary', () => {
    const take = (seed: number) => [...generateArchive({ count: 2000, seed, fromYear: 2024, toYear: 2026 })];
    expect(take(3)).toEqual(take(3));
    expect(take(3)).not.toEqual(take(4));
    const words = new Set(take(3).flatMap((doc) => `${doc.subject} ${doc.body}`.toLowerCase().split(/[^\p{L}]+/u)));
    expect(words.size).toBeGreaterThan(600);
  });

  it('fills the registers through the API table: numbered per year, indexed, audited', async () => {
    const dataDir = tempDir();
    const result = await seedArchive(dataDir, {
      ...defaultSeedOptions,
      docs: 600,
      pdfPool: 20,
      fromYear: 2024,
      toYear: 2025,
    });
    expect(result.inserted + result.duplicatesSkipped).toBe(600);
    const core = openCore(dataDir);
    try {
      const perRegister = core.db
        .prepare(
          'SELECT register_id AS register, register_year AS year, COUNT(*) AS n, MAX(register_number) AS top FROM documents GROUP BY 1, 2',
        )
        .all() as { register: string; year: number; n: number; top: number }[];
      // Gap-free: in every register and year the last number is the count.
      for (const row of perRegister) expect(row.top).toBe(row.n);
      expect(new Set(perRegister.map((row) => row.year))).toEqual(new Set([2024, 2025]));
      const indexed = core.db.prepare('SELECT COUNT(*) AS n FROM documents_fts').get() as { n: number };
      expect(indexed.n).toBe(result.inserted);
      expect(verifyAuditChain(core.db).ok).toBe(true);
    } finally {
      core.close();
    }
  });

  it('benchmark runs end to end at a small size (figures are for bench/, not asserted here)', async () => {
    const figures = (await runStoreBench(['--docs', '800', '--queries', '10', '--baseline-queries', '3'])) as {
      docs: number;
      classes: Record<string, { queries: number; baseline: { ratioP50: number } }>;
    };
    expect(figures.docs).toBeGreaterThan(700);
    expect(Object.keys(figures.classes)).toEqual(['common', 'rare', 'names', 'notation']);
    for (const entry of Object.values(figures.classes)) expect(entry.queries).toBeGreaterThan(0);
  }, 120_000);
});
