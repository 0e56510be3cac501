// Hub benchmark: every commune of Thanh Hóa (166 after the 2025 merger)
// syncing a day's batch (20 documents, ~2 MB) at the same moment against one
// hub on this machine, through the real client engine. Reports wall time, p99
// request latency, and documents lost (counted from the province's feed).
//
//   npm run bench -- hub [--communes 166] [--docs 20] [--mb 2] [--backend pglite|postgres|both]
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { call } from '../core/api.ts';
import { openCore, type Core } from '../core/context.ts';
import { DATABASE_FILE } from '../core/db/connection.ts';
import { getDevice } from '../core/db/sync.ts';
import { runSync } from '../core/sync/engine.ts';
import { HubClient } from '../core/sync/hub-client.ts';
import { startHub } from '../tests/helpers/hub.ts';
import { scanSizedPdf } from '../scripts/lib/make-pdf.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { pullReply } from '../shared/sync-protocol.ts';

const PROVINCE = { code: '000.00.00.H56', name: 'UBND tỉnh Thanh Hóa' };

export async function run(args: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args,
    options: {
      communes: { type: 'string' },
      docs: { type: 'string' },
      mb: { type: 'string' },
      backend: { type: 'string' },
    },
  });
  const communes = Number(values.communes ?? 166);
  const docs = Number(values.docs ?? 20);
  const bytesPerCommune = Math.round(Number(values.mb ?? 2) * 1_000_000);
  const backends =
    values.backend === 'pglite' || values.backend === 'postgres' ? [values.backend] : ['pglite', 'postgres'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-hub-'));
  try {
    const template = path.join(dir, 'template');
    await makeTemplate(template, docs, bytesPerCommune);
    const results: Record<string, unknown> = {};
    for (const backend of backends)
      results[backend] = await runOnce(dir, template, backend as 'pglite' | 'postgres', communes, docs);
    return { bench: 'hub', communes, documentsPerCommune: docs, bytesPerCommune, ...results };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One commune's store with the day's documents issued to the province, not yet enrolled. */
async function makeTemplate(dir: string, docs: number, bytes: number): Promise<void> {
  const core = openCore(dir, { actor: 'bench' });
  try {
    await call(core, 'office.init', { agencyCode: '000.99.31.H56', name: 'UBND xã Mẫu' });
    for (let i = 0; i < docs; i++) {
      const pdf = await scanSizedPdf(`Bao cao so ${i + 1}`, Math.round(bytes / docs));
      const draft = await call(core, 'outgoing.draft', {
        type: 'BC',
        subject: `Báo cáo số ${i + 1} trong ngày`,
        urgency: i === 0 ? 'hoa-toc' : 'thuong',
        recipients: [{ agencyCode: PROVINCE.code }],
        file: { base64: pdf.toString('base64'), filename: `bao-cao-${i + 1}.pdf` },
      });
      await call(core, 'outgoing.issue', { id: draft.id });
    }
  } finally {
    core.close();
  }
}

/** A copy of the template as commune `code`: its own document and change ids, as if typed there. */
function cloneCommune(template: string, dir: string, code: string): void {
  fs.cpSync(template, dir, { recursive: true });
  const db = new Database(path.join(dir, DATABASE_FILE));
  try {
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      db.prepare('UPDATE office SET agency_code = ?, name = ?').run(code, `UBND xã ${code}`);
      for (const { id } of db.prepare('SELECT id FROM documents').all() as { id: string }[]) {
        const fresh = randomUUID();
        for (const sql of [
          'UPDATE documents SET id = @fresh WHERE id = @id',
          'UPDATE attachments SET document_id = @fresh WHERE document_id = @id',
          'UPDATE recipients SET document_id = @fresh WHERE document_id = @id',
          'UPDATE changes SET document_id = @fresh WHERE document_id = @id',
        ])
          db.prepare(sql).run({ fresh, id });
      }
      for (const { seq } of db.prepare('SELECT seq FROM changes').all() as { seq: number }[]) {
        db.prepare('UPDATE changes SET id = ? WHERE seq = ?').run(randomUUID(), seq);
      }
    })();
  } finally {
    db.close();
  }
}

async function runOnce(
  dir: string,
  template: string,
  backend: 'pglite' | 'postgres',
  communes: number,
  docs: number,
): Promise<unknown> {
  const postgres = backend === 'postgres' ? await startPostgres({ durable: true }) : undefined;
  const hub = await startHub({
    dataDir: path.join(dir, `hub-${backend}`),
    ...(postgres ? { databaseUrl: await postgres.newDatabase() } : {}),
  });
  const cores: Core[] = [];
  try {
    await hub.adminCommand('agency-add', { code: PROVINCE.code, name: PROVINCE.name, parentCode: null });
    const codes = Array.from(
      { length: communes },
      (_, i) => `000.${String(i % 100).padStart(2, '0')}.${String(10 + Math.floor(i / 100)).padStart(2, '0')}.H56`,
    );
    for (const code of codes)
      await hub.adminCommand('agency-add', { code, name: `UBND xã ${code}`, parentCode: PROVINCE.code });
    for (const [i, code] of codes.entries()) {
      const data = path.join(dir, `${backend}-commune-${i}`);
      cloneCommune(template, data, code);
      const core = openCore(data, { actor: 'bench' });
      cores.push(core);
      await call(core, 'sync.connect', {
        url: hub.url,
        code: (await hub.adminCommand('enroll', { agency: code })).code,
      });
      process.stderr.write(`${backend}: commune ${i + 1} / ${communes} ready\r`);
    }
    const latencies: number[] = [];
    const started = performance.now();
    const outcomes = await Promise.all(
      cores.map((core) => runSync(core, { trigger: 'schedule' }, { onRequest: (r) => latencies.push(r.ms) })),
    );
    const seconds = (performance.now() - started) / 1000;
    const failed = outcomes.filter((o) => o.outcome !== 'ok');

    // What reached the province, counted from its own feed.
    const province = openCore(path.join(dir, `${backend}-province`), { actor: 'bench' });
    cores.push(province);
    await call(province, 'office.init', { agencyCode: PROVINCE.code, name: PROVINCE.name });
    await call(province, 'sync.connect', {
      url: hub.url,
      code: (await hub.adminCommand('enroll', { agency: PROVINCE.code })).code,
    });
    const delivered = await countDelivered(province);
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1));
    return {
      wallSeconds: Number(seconds.toFixed(1)),
      requests: latencies.length,
      latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) },
      syncsFailed: failed.length,
      firstFailure: failed[0]?.error ?? null,
      documentsSent: communes * docs,
      documentsDelivered: delivered,
      documentsLost: communes * docs - delivered,
    };
  } finally {
    for (const core of cores) core.close();
    await hub.stop();
    await postgres?.stop();
  }
}

async function countDelivered(province: Core): Promise<number> {
  const device = getDevice(province.db)!;
  const client = new HubClient(device.hubUrl, device.credential);
  const seen = new Set<string>();
  try {
    for (let cursor = 0; ;) {
      const page = await client.json(
        'POST',
        `v1/agencies/${encodeURIComponent(PROVINCE.code)}/pull`,
        { cursor, budget: 4 * 1024 * 1024 },
        pullReply,
      );
      for (const item of page.items) if (item.kind === 'document') seen.add(`${item.sender.code}/${item.document.id}`);
      cursor = page.cursor;
      if (!page.more) return seen.size;
    }
  } finally {
    client.close();
  }
}
