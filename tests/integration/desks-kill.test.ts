// The event sync killed (SIGKILL) at random moments, ten rounds on the desk
// that sends and ten on the desk that receives: at the end every event is on
// the hub once, and on the other desk once, and nothing is left queued.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLineProxy } from '../../scripts/lib/line-proxy.ts';
import { addOfficial, deskFor } from '../helpers/desks.ts';
import { startHub, type Hub } from '../helpers/hub.ts';
import { hubFeed, killedSync, random, syncUntilDone } from '../helpers/kill-sync.ts';
import { addProvince } from '../helpers/sync.ts';

const ROUNDS = 10;
const LETTERS_PER_ROUND = 3;

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
      const events = (await hubFeed(chairmanDesk)).flatMap((item) => (item.kind === 'desk.event' ? [item.event] : []));
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
