// The event sync killed (SIGKILL) at random moments, ten rounds on the desk
// that sends and ten on the desk that receives: at the end every event is on
// the hub once, and on the other desk once, and nothing is left queued.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDevice } from '../../core/db/sync.ts';
import { HubClient } from '../../core/sync/hub-client.ts';
import { startLineProxy, type LineProxy } from '../../scripts/lib/line-proxy.ts';
import { pullReply, type FeedItem } from '../../shared/sync-protocol.ts';
import { addOfficial, deskFor } from '../helpers/desks.ts';
import { startHub, type Hub } from '../helpers/hub.ts';
import type { TestOffice } from '../helpers/office.ts';
import { addProvince, pendingCount } from '../helpers/sync.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/vanthu.js');
const ROUNDS = 10;
const LETTERS_PER_ROUND = 3;

type KillAt = { afterMs: number } | { afterBytesUp: number; line: LineProxy };

function killedSync(dataDir: string, at: KillAt): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'sync', '--data', dataDir, '--json'], { stdio: 'ignore' });
    const kill = () => void child.kill('SIGKILL');
    const timer = 'afterMs' in at ? setTimeout(kill, at.afterMs) : undefined;
    if ('afterBytesUp' in at) at.line.onceAfterBytesUp(at.afterBytesUp, kill).catch(() => undefined);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

const random = (from: number, to: number) => from + Math.floor(Math.random() * (to - from));

async function syncUntilDone(office: TestOffice): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const result = await office.call('sync.run', {});
    if (result.outcome === 'ok' && pendingCount(office) === 0) return;
  }
  throw new Error(`sync did not finish: ${pendingCount(office)} pending`);
}

/** The whole feed as the hub gives it to this desk. */
async function feedOf(office: TestOffice): Promise<FeedItem[]> {
  const device = getDevice(office.core.db)!;
  const client = new HubClient(device.hubUrl, device.credential);
  try {
    const items: FeedItem[] = [];
    for (let cursor = 0; ;) {
      const page = await client.json(
        'POST',
        `v1/agencies/${encodeURIComponent(device.agencyCode)}/pull`,
        { cursor, budget: 1024 * 1024 },
        pullReply,
      );
      items.push(...page.items);
      cursor = page.cursor;
      if (!page.more) return items;
    }
  } finally {
    client.close();
  }
}

describe('desk events through SIGKILL', () => {
  let hub: Hub;
  let hubDir: string;
  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-kill-'));
    hub = await startHub({ dataDir: hubDir });
  });
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  it('loses and doubles nothing over ten kills of the sending desk and ten of the receiving one', async () => {
    const { communeA } = await addProvince(hub);
    const clerk = await addOfficial(hub, communeA, 'clerk');
    const chairman = await addOfficial(hub, communeA, 'chairman');
    const target = new URL(hub.url);
    const line = await startLineProxy({
      target: { host: target.hostname, port: Number(target.port) },
      rateBitsPerSecond: 256_000,
      delayMs: 40,
    });
    try {
      const clerkDesk = await deskFor(hub, communeA, clerk, { via: line.url });
      const chairmanDesk = await deskFor(hub, communeA, chairman);
      await syncUntilDone(clerkDesk);
      const letters: string[] = [];
      let kills = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < LETTERS_PER_ROUND; i++) {
          const n = round * LETTERS_PER_ROUND + i + 1;
          const letter = await clerkDesk.call('incoming.register', {
            issuerName: 'UBND huyện Đông Sơn',
            notation: `${n}/UBND-VP`,
            issuedOn: '2026-12-01',
            type: 'CV',
            subject: `Về việc báo cáo tuần số ${n}`,
          });
          await clerkDesk.call('handling.submit', { id: letter.id, to: chairman.id, note: `Trình lần ${n}` });
          letters.push(letter.id);
        }
        if ((await killedSync(clerkDesk.dataDir, { afterBytesUp: random(300, 4000), line })).killed) kills++;
        if ((await killedSync(chairmanDesk.dataDir, { afterMs: random(300, 2500) })).killed) kills++;
      }
      // The cuts landed mid-sync often enough to mean something.
      expect(kills).toBeGreaterThanOrEqual(ROUNDS);

      await syncUntilDone(clerkDesk);
      await syncUntilDone(chairmanDesk);
      const rejected = clerkDesk.core.db.prepare("SELECT COUNT(*) AS n FROM changes WHERE state = 'rejected'").get();
      expect(rejected).toEqual({ n: 0 });

      // On the hub: each submission once.
      const events = (await feedOf(chairmanDesk)).flatMap((item) => (item.kind === 'desk.event' ? [item.event] : []));
      const ids = events.map((event) => event.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(
        events
          .filter((event) => event.kind === 'submitted')
          .map((e) => e.documentId)
          .sort(),
      ).toEqual([...letters].sort());

      // On the chairman's desk: every letter, each with its one submission, in the register's order.
      const onDesk = chairmanDesk.core.db
        .prepare(
          `SELECT d.id, d.register_number AS number, COUNT(e.id) AS events FROM documents d
             LEFT JOIN handling_events e ON e.document_id = d.id GROUP BY d.id ORDER BY d.register_number`,
        )
        .all() as { id: string; number: number; events: number }[];
      expect(onDesk.map((row) => row.id)).toEqual(letters);
      expect(onDesk.map((row) => row.number)).toEqual(letters.map((_, i) => i + 1));
      expect(onDesk.every((row) => row.events === 1)).toBe(true);
      expect((await chairmanDesk.call('tasks.list', {})).tasks).toHaveLength(letters.length);
    } finally {
      await line.close();
    }
  }, 600_000);
});
