// The client side of the desks through a real hub: a new version of a file
// goes up and comes down as the bytes appended to the version the hub holds,
// and a handling event made during a large upload leaves after the chunk in
// flight. (The whole day across three desks is tests/integration/desks.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentView } from '../../shared/api.ts';
import { insertDerivedBlobRecord, listAttachments, replaceAttachmentBlob } from '../../core/db/attachments.ts';
import { writeTransaction } from '../../core/db/connection.ts';
import { runSync } from '../../core/sync/engine.ts';
import { scanSizedPdf } from '../../scripts/lib/make-pdf.ts';
import { startLineProxy } from '../../scripts/lib/line-proxy.ts';
import { addOfficial, deskFor, syncDesks } from '../helpers/desks.ts';
import { startHub, type Hub } from '../helpers/hub.ts';
import type { TestOffice } from '../helpers/office.ts';
import { addProvince } from '../helpers/sync.ts';

let letters = 0;
async function registerLetter(desk: TestOffice, bytes: number): Promise<DocumentView> {
  const n = ++letters;
  const pdf = await scanSizedPdf(`Cong van ${n}`, bytes);
  return desk.call('incoming.register', {
    issuerName: 'UBND huyện Đông Sơn',
    notation: `${n}/UBND-VP`,
    issuedOn: '2026-02-20',
    type: 'CV',
    subject: `Về việc báo cáo số ${n}`,
    file: { base64: pdf.toString('base64'), filename: 'cong-van.pdf' },
  });
}

/** A new version of the main file that starts with the current bytes, as a signature added by incremental update. */
function appendToMainFile(desk: TestOffice, documentId: string, appended: number): { sha256: string; size: number } {
  const main = listAttachments(desk.core.db, documentId).find((a) => a.role === 'main')!;
  const bytes = Buffer.concat([desk.core.blobs.read(main.sha256), Buffer.alloc(appended, 0x25)]);
  const { sha256 } = desk.core.blobs.put(bytes);
  const at = desk.core.now().toISOString();
  writeTransaction(desk.core.db, () => {
    insertDerivedBlobRecord(desk.core.db, { sha256, size: bytes.length, from: main.sha256, createdAt: at });
    replaceAttachmentBlob(desk.core.db, {
      attachmentId: main.id,
      oldSha256: main.sha256,
      newSha256: sha256,
      newSize: bytes.length,
      replacedAt: at,
      replacedBy: 'signature',
    });
  });
  return { sha256, size: bytes.length };
}

describe('desk sync through the hub', () => {
  let hub: Hub;
  let hubDir: string;
  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-desk-sync-'));
    hub = await startHub({ dataDir: hubDir });
  });
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  it('sends and fetches a new version as its appended bytes, and the whole file when the hub lacks the old one', async () => {
    const { communeA } = await addProvince(hub);
    const clerk = await addOfficial(hub, communeA, 'clerk');
    const chairman = await addOfficial(hub, communeA, 'chairman');
    const clerkDesk = await deskFor(hub, communeA, clerk);
    const chairmanDesk = await deskFor(hub, communeA, chairman);
    const letter = await registerLetter(clerkDesk, 600_000);
    await clerkDesk.call('handling.submit', { id: letter.id, to: chairman.id });
    await syncDesks(clerkDesk, chairmanDesk);

    const signed = appendToMainFile(clerkDesk, letter.id, 5_000);
    const up = await clerkDesk.call('sync.run', {});
    const down = await chairmanDesk.call('sync.run', {});
    expect([up.outcome, down.outcome]).toEqual(['ok', 'ok']);
    // 600 KB held on both sides: a few KB of file and JSON each way, not the file again.
    expect(up.bytesUp).toBeLessThan(60_000);
    expect(down.bytesDown).toBeLessThan(60_000);
    const onChairman = await chairmanDesk.call('documents.get', { id: letter.id });
    expect(onChairman.attachments.map((a) => a.sha256)).toEqual([signed.sha256]);
    expect(chairmanDesk.core.blobs.check(signed.sha256)).toBe('ok');
    expect(onChairman.attachments[0]!.versions.map((v) => v.sha256)).toEqual([letter.attachments[0]!.sha256]);

    // Two versions made before a sync: the hub never had the middle one, so the last goes whole.
    appendToMainFile(clerkDesk, letter.id, 3_000);
    const last = appendToMainFile(clerkDesk, letter.id, 4_000);
    const whole = await clerkDesk.call('sync.run', {});
    expect(whole.outcome).toBe('ok');
    expect(whole.bytesUp).toBeGreaterThan(last.size);
    expect((await chairmanDesk.call('sync.run', {})).outcome).toBe('ok');
    expect((await chairmanDesk.call('documents.get', { id: letter.id })).attachments[0]!.sha256).toBe(last.sha256);
    expect(chairmanDesk.core.blobs.check(last.sha256)).toBe('ok');
  }, 120_000);

  it('sends a handling event made during a large upload after the chunk in flight, then resumes the upload', async () => {
    const { communeA } = await addProvince(hub);
    const clerk = await addOfficial(hub, communeA, 'clerk');
    const chairman = await addOfficial(hub, communeA, 'chairman');
    const target = new URL(hub.url);
    const line = await startLineProxy({
      target: { host: target.hostname, port: Number(target.port) },
      rateBitsPerSecond: 256_000,
      delayMs: 20,
    });
    try {
      const clerkDesk = await deskFor(hub, communeA, clerk, { via: line.url });
      const chairmanDesk = await deskFor(hub, communeA, chairman);
      const small = await registerLetter(clerkDesk, 20_000);
      await syncDesks(clerkDesk);
      const big = await registerLetter(clerkDesk, 400_000);

      const requests: string[] = [];
      const during: { submit?: Promise<unknown> } = {};
      clerkDesk.core.emit = (event) => {
        // The clerk submits the small letter while the first chunk of the large one is on the line.
        if (event.type === 'sync.progress' && event.documentId === big.id)
          during.submit ??= clerkDesk.call('handling.submit', { id: small.id, to: chairman.id });
      };
      line.resetStats();
      const result = await runSync(
        clerkDesk.core,
        { trigger: 'manual' },
        { onRequest: ({ method, path: url }) => requests.push(`${method} ${url.split('/').slice(-2).join('/')}`) },
      );
      expect(await during.submit).toMatchObject({ state: 'submitted' });
      expect(result.outcome).toBe('ok');
      const wire = requests.filter((r) => r.startsWith('PATCH') || r.endsWith('/changes'));
      const eventSent = wire.findIndex((r) => r.endsWith('/changes'));
      // Chunks of the large file before and after the event's request: it did not wait for the file.
      expect(wire.slice(0, eventSent).every((r) => r.startsWith('PATCH'))).toBe(true);
      expect(eventSent).toBeGreaterThan(0);
      expect(wire.slice(eventSent + 1).some((r) => r.startsWith('PATCH'))).toBe(true);
      // The upload went on from the hub's offset, not from the start.
      expect(line.stats().bytesUp).toBeLessThan(400_000 + 60_000);

      await syncDesks(chairmanDesk);
      const onChairman = await chairmanDesk.call('documents.get', { id: small.id });
      expect(onChairman.handling?.state).toBe('submitted');
      expect((await chairmanDesk.call('documents.get', { id: big.id })).attachments[0]!.sha256).toBe(
        big.attachments[0]!.sha256,
      );
    } finally {
      await line.close();
    }
  }, 120_000);
});
