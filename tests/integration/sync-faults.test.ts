// The fault loop: a sync of 30 documents killed (SIGKILL) at random moments,
// the hub killed and restarted mid-upload in some rounds, the recipient killed
// mid-pull in others. At the end every document is on the hub and at each
// recipient exactly once, with the sender's bytes.
import { describe, expect, it } from 'vitest';
import { startLineProxy } from '../../scripts/lib/line-proxy.ts';
import type { DocumentView } from '../../shared/api.ts';
import type { Urgency } from '../../shared/domain.ts';
import { hubBackends, startHub } from '../helpers/hub.ts';
import { hubFeed, killedSync, random, syncUntilDone } from '../helpers/kill-sync.ts';
import { tempDir } from '../helpers/office.ts';
import { addProvince, enrolledOffice, incomingIds, issueTo } from '../helpers/sync.ts';

const ROUNDS = 22;
const DOCUMENTS = 30;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(hubBackends())('fault loop ($name)', (backend) => {
  it(
    `${ROUNDS} rounds of kills: every document exactly once on the hub and at each recipient`,
    { timeout: 300_000 },
    async () => {
      const hub = await startHub({ dataDir: tempDir('vanthu-hub-'), ...(await backend.database()) });
      const target = new URL(hub.url);
      // A line fast enough for the test, slow enough that a sync is still going when it is killed.
      const line = await startLineProxy({
        target: { host: target.hostname, port: Number(target.port) },
        rateBitsPerSecond: 1_500_000,
        delayMs: 5,
      });
      try {
        const agencies = await addProvince(hub);
        const a = await enrolledOffice(hub, agencies.communeA, line.url);
        const b = await enrolledOffice(hub, agencies.communeB, line.url);
        const district = await enrolledOffice(hub, agencies.district, line.url);
        const urgencies: Urgency[] = ['thuong', 'thuong', 'khan', 'thuong-khan', 'hoa-toc'];
        const sent: DocumentView[] = [];
        const issueOne = async () =>
          sent.push(
            await issueTo(a, [agencies.communeB.code, agencies.district.code], {
              bytes: random(20_000, 90_000),
              urgency: urgencies[sent.length % urgencies.length]!,
            }),
          );
        // A third of the batch first, then one more document per round, as a working day goes: every round has work to cut.
        while (sent.length < DOCUMENTS - ROUNDS + 2) await issueOne();

        let killedMidway = 0;
        let killedByBytes = 0;
        const recipientRuns: Promise<unknown>[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const issued = sent.length < DOCUMENTS;
          if (issued) await issueOne();
          // Most rounds cut the upload inside the document just issued (at least 20 KB to send); the
          // rounds the hub dies in, and those with nothing new, kill at a random moment, which may fall in the pull.
          const byBytes = issued && round % 4 !== 1;
          if (byBytes) killedByBytes++;
          const sync = killedSync(
            a.dataDir,
            byBytes
              ? { afterBytesUp: line.stats().bytesUp + random(2_000, 18_000), line }
              : { afterMs: random(400, 2500) },
          );
          if (round % 4 === 1) {
            await pause(random(300, 1200));
            await hub.kill();
            await pause(random(100, 600));
            await hub.restart();
          }
          if (round % 3 === 2) recipientRuns.push(killedSync(b.dataDir, { afterMs: random(300, 1500) }));
          if ((await sync).killed) killedMidway++;
        }
        await Promise.all(recipientRuns);
        expect(sent).toHaveLength(DOCUMENTS);
        expect(killedByBytes).toBeGreaterThan(ROUNDS / 2);
        expect(killedMidway).toBeGreaterThanOrEqual(killedByBytes);

        await syncUntilDone(a);
        await syncUntilDone(b);
        await syncUntilDone(district);
        await syncUntilDone(a);

        const ids = sent.map((doc) => doc.id).sort();
        for (const recipient of [b, district]) {
          expect(incomingIds(recipient)).toEqual(ids);
          for (const doc of sent) {
            const copy = await recipient.call('documents.get', { id: doc.id });
            expect(copy.attachments.map((x) => x.sha256)).toEqual(doc.attachments.map((x) => x.sha256));
            expect(recipient.core.blobs.check(copy.attachments[0]!.sha256)).toBe('ok');
          }
          const numbers = recipient.core.db
            .prepare(`SELECT register_number AS n FROM documents WHERE direction = 'incoming' ORDER BY n`)
            .all() as { n: number }[];
          expect(numbers.map((row) => row.n)).toEqual(ids.map((_, i) => i + 1));
          // On the hub: one delivery per document in the recipient's feed.
          const delivered = (await hubFeed(recipient))
            .filter((item) => item.kind === 'document')
            .map((item) => (item as { document: { id: string } }).document.id);
          expect(delivered.sort()).toEqual(ids);
        }
        // Each recipient's "arrived" and "registered" reached the sender exactly once.
        for (const doc of sent) {
          const statuses = (await a.call('documents.get', { id: doc.id })).deliveries
            .map((d) => `${d.agencyCode}:${d.statusCode}`)
            .sort();
          expect(statuses).toEqual([
            `${agencies.district.code}:01`,
            `${agencies.district.code}:03`,
            `${agencies.communeB.code}:01`,
            `${agencies.communeB.code}:03`,
          ]);
        }
      } finally {
        await line.close();
        await hub.stop();
        await backend.close();
      }
    },
  );
});
