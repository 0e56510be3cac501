// Two communes and a district on one hub, through the real client engine:
// routing, statuses back to the sender, and the faults the line and the
// network bring. The same suite runs on PGlite and on PostgreSQL.
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentView, Outputs } from '../../shared/api.ts';
import type { ErrorValue } from '../../shared/errors.ts';
import type { Core } from '../../core/context.ts';
import { HubClient, HubError } from '../../core/sync/hub-client.ts';
import { getDevice } from '../../core/db/sync.ts';
import { changesReply, missingReply, pullReply } from '../../shared/sync-protocol.ts';
import { newId } from '../../core/ids.ts';
import { startLineProxy } from '../../scripts/lib/line-proxy.ts';
import { hubBackends, startHub, type Hub } from '../helpers/hub.ts';
import { openTestOffice, tempDir } from '../helpers/office.ts';
import { vanthu } from '../helpers/cli.ts';
import { addProvince, enrolledOffice, incomingIds, issueTo, pendingCount, type Province } from '../helpers/sync.ts';
import { sha256Of } from '../../core/documents/blob-store.ts';
import { matching } from '../helpers/matchers.ts';

const fastRetry = { attempts: 4, baseMs: 20, maxMs: 200 };

describe.each(hubBackends())('sync through the hub ($name)', (backend) => {
  let hub: Hub;
  let hubDir: string;
  let agencies: Province;
  beforeAll(async () => {
    hubDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-'));
    hub = await startHub({ dataDir: hubDir, ...(await backend.database()) });
  });
  beforeEach(async () => {
    agencies = await addProvince(hub);
  });
  afterAll(async () => {
    await hub?.stop();
    await backend.close();
    fs.rmSync(hubDir, { recursive: true, force: true });
  });

  it('delivers a document from commune A to commune B and the district, and A sees B arrived and registered', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const b = await enrolledOffice(hub, agencies.communeB);
    const district = await enrolledOffice(hub, agencies.district);
    const doc = await issueTo(a, [agencies.communeB.code, agencies.district.code], {
      subject: 'Về việc tổ chức tiêm chủng đợt 2',
      bytes: 60_000,
    });

    const up = await a.call('sync.run', {});
    expect(up.outcome).toBe('ok');
    expect(up.sent.map((s) => s.documentId)).toEqual([doc.id]);
    expect(pendingCount(a)).toBe(0);

    const down = await b.call('sync.run', {});
    expect(down.outcome).toBe('ok');
    expect(down.received).toEqual([{ documentId: doc.id, notation: doc.notation, sender: agencies.communeA.name }]);
    const received = await b.call('documents.get', { id: doc.id });
    expect(received.direction).toBe('incoming');
    expect(received.registerNumber).toBe(1);
    expect(received.notation).toBe(doc.notation);
    expect(received.issuerCode).toBe(agencies.communeA.code);
    expect(received.attachments.map((x) => x.sha256)).toEqual(doc.attachments.map((x) => x.sha256));
    // The bytes themselves, not only the recorded hash.
    expect(sha256Of(b.core.blobs.read(received.attachments[0]!.sha256))).toBe(doc.attachments[0]!.sha256);
    // The statuses went back in the same run.
    expect(pendingCount(b)).toBe(0);

    expect((await district.call('sync.run', {})).received.map((r) => r.documentId)).toEqual([doc.id]);

    const back = await a.call('sync.run', {});
    expect(back.statuses).toBeGreaterThanOrEqual(2);
    const seen = await a.call('documents.get', { id: doc.id });
    const fromB = seen.deliveries.filter((d) => d.agencyCode === agencies.communeB.code).map((d) => d.statusCode);
    expect(fromB).toEqual(['01', '03']);
    expect(seen.deliveries.filter((d) => d.agencyCode === agencies.district.code).map((d) => d.statusCode)).toEqual([
      '01',
      '03',
    ]);

    // Nothing is received twice: another sync brings nothing new.
    const again = await b.call('sync.run', {});
    expect(again.received).toEqual([]);
    expect(incomingIds(b)).toEqual([doc.id]);
  });

  it('works from the command line: vanthu connect, vanthu sync --json, vanthu sync status', async () => {
    const office = await openTestOffice({ init: false, now: new Date().toISOString() });
    await office.call('office.init', { agencyCode: agencies.communeA.code, name: agencies.communeA.name });
    const doc = await issueTo(office, [agencies.communeB.code]);
    const { code } = await hub.adminCommand('enroll', { agency: agencies.communeA.code });
    const connected = vanthu(office.dataDir, ['connect', hub.url, code]);
    expect(connected.status).toBe(0);
    expect(connected.json).toMatchObject({ agency: { code: agencies.communeA.code }, holdsRegister: true });
    // The credential is in the data dir and nowhere in what was printed.
    const credential = getDevice(office.core.db)!.credential;
    expect(connected.stdout).not.toContain(credential.split('.')[1]);
    const reused = vanthu<{ error: ErrorValue }>(office.dataDir, ['connect', hub.url, code]);
    expect(reused.status).toBe(1);
    expect(reused.json.error.code).toBe('SYNC_ENROLL_CODE_INVALID');
    const synced = vanthu<Outputs['sync.run']>(office.dataDir, ['sync']);
    expect(synced.status).toBe(0);
    expect(synced.json.sent).toEqual([{ documentId: doc.id, label: doc.notation, op: 'document.issue' }]);
    expect(synced.json.received).toEqual([]);
    const status = vanthu(office.dataDir, ['sync', 'status'], { json: false });
    expect(status.stdout).toContain('Chờ gửi: 0');
    // No line: exit 1, the clerk's words on stderr, the document issued meanwhile still queued.
    await issueTo(office, [agencies.communeB.code]);
    office.core.db.prepare('UPDATE sync_device SET hub_url = ?').run('http://127.0.0.1:9');
    const offline = vanthu(office.dataDir, ['sync'], { json: false });
    expect(offline.status).toBe(1);
    expect(offline.stdout).toContain('Không kết nối được máy chủ của tỉnh');
    expect(pendingCount(office)).toBe(1);
  });

  it('sends Hỏa tốc first, then smaller before larger', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const big = await issueTo(a, [agencies.communeB.code], { bytes: 150_000 });
    const small = await issueTo(a, [agencies.communeB.code], { bytes: 30_000 });
    const urgent = await issueTo(a, [agencies.communeB.code], { bytes: 90_000, urgency: 'hoa-toc' });
    const order: string[] = [];
    a.core.emit = (event) => {
      if (event.type === 'sync.sent') order.push(event.documentId);
    };
    const result = await a.call('sync.run', {});
    expect(result.outcome).toBe('ok');
    expect(order).toEqual([urgent.id, small.id, big.id]);
  });

  it('a Hỏa tốc document issued while a large one is uploading overtakes it at the next chunk boundary', async () => {
    const target = new URL(hub.url);
    const line = await startLineProxy({
      target: { host: target.hostname, port: Number(target.port) },
      rateBitsPerSecond: 256_000,
      delayMs: 20,
    });
    try {
      const a = await enrolledOffice(hub, agencies.communeA, line.url);
      const big = await issueTo(a, [agencies.communeB.code], { bytes: 600_000 });
      const order: string[] = [];
      let urgent: Promise<DocumentView> | null = null;
      a.core.emit = (event) => {
        if (event.type === 'sync.sent') order.push(event.documentId);
        // The clerk issues a Hỏa tốc document while the first chunk of the large one is on the line.
        if (event.type === 'sync.progress' && event.documentId === big.id) {
          urgent ??= issueTo(a, [agencies.communeB.code], { bytes: 30_000, urgency: 'hoa-toc' });
        }
      };
      const result = await a.call('sync.run', {});
      expect(result.outcome).toBe('ok');
      const hoaToc = await urgent!;
      expect(order).toEqual([hoaToc.id, big.id]);
      // The large upload went on from where it was, not from the start.
      expect(line.stats().bytesUp).toBeLessThan(600_000 + 30_000 + 60_000);
    } finally {
      await line.close();
    }
  });

  it('resumes an upload cut in the middle from the hub offset, and a corrupted chunk is sent again', async () => {
    const target = new URL(hub.url);
    const line = await startLineProxy({ target: { host: target.hostname, port: Number(target.port) } });
    try {
      const a = await enrolledOffice(hub, agencies.communeA, line.url);
      const doc = await issueTo(a, [agencies.communeB.code], { bytes: 400_000 });
      line.resetStats();
      // Cut the line once 200 KB have gone up, and flip a bit further on; the sync below is what gets there.
      void line.onceAfterBytesUp(200_000, 'cut');
      line.corruptUpByteAt(330_000);
      const result = await syncWith(a, fastRetry);
      expect(result.outcome).toBe('ok');
      expect(result.sent.map((s) => s.documentId)).toEqual([doc.id]);
      // Re-sent: less than one chunk for the cut, one chunk for the corruption.
      expect(line.stats().bytesUp).toBeLessThan(400_000 + 2 * 256 * 1024 + 50_000);

      const b = await enrolledOffice(hub, agencies.communeB);
      await b.call('sync.run', {});
      const received = await b.call('documents.get', { id: doc.id });
      expect(received.attachments[0]!.sha256).toBe(doc.attachments[0]!.sha256);
    } finally {
      await line.close();
    }
  });

  it('survives replies cut at every stage of a pull: each document arrives once and each status once', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const docs: DocumentView[] = [];
    for (let i = 0; i < 4; i++) docs.push(await issueTo(a, [agencies.communeB.code], { bytes: 40_000 }));
    expect((await a.call('sync.run', {})).outcome).toBe('ok');

    const target = new URL(hub.url);
    const line = await startLineProxy({ target: { host: target.hostname, port: Number(target.port) } });
    try {
      const b = await enrolledOffice(hub, agencies.communeB, line.url);
      for (const cutAt of [3_000, 20_000, 60_000, 120_000, 170_000]) {
        line.resetStats();
        // Armed, not awaited: the sync below is what reaches it, or not, when the cut lies past what it pulls.
        void line.onceAfterBytesDown(cutAt, 'cut');
        await syncWith(b, { attempts: 1, baseMs: 1, maxMs: 1 });
      }
      line.resetStats();
      const last = await syncWith(b, fastRetry);
      expect(last.outcome).toBe('ok');
      const mine = incomingIds(b).filter((id) => docs.some((d) => d.id === id));
      expect(mine.sort()).toEqual(docs.map((d) => d.id).sort());
      for (const doc of docs) {
        const copy = await b.call('documents.get', { id: doc.id });
        expect(copy.attachments[0]!.sha256).toBe(doc.attachments[0]!.sha256);
      }
      // Register numbers stayed gap-free and unique.
      const numbers = b.core.db
        .prepare(`SELECT register_number AS n FROM documents WHERE direction = 'incoming' ORDER BY n`)
        .all() as { n: number }[];
      expect(numbers.map((r) => r.n)).toEqual(numbers.map((_, i) => i + 1));

      await a.call('sync.run', {});
      for (const doc of docs) {
        const codes = (await a.call('documents.get', { id: doc.id })).deliveries.map((d) => d.statusCode);
        expect(codes).toEqual(['01', '03']);
      }
    } finally {
      await line.close();
    }
  });

  it('a replayed batch changes nothing on the hub', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const doc = await issueTo(a, [agencies.communeB.code]);
    expect((await a.call('sync.run', {})).outcome).toBe('ok');
    // As if the hub's reply had been lost: the same changes go again.
    a.core.db.prepare(`UPDATE changes SET state = 'pending'`).run();
    const replay = await a.call('sync.run', {});
    expect(replay.outcome).toBe('ok');
    expect(replay.sent.map((s) => s.documentId)).toEqual([doc.id]);
    const b = await enrolledOffice(hub, agencies.communeB);
    await b.call('sync.run', {});
    expect(incomingIds(b).filter((id) => id === doc.id)).toHaveLength(1);
    // The hub's feed for B holds the document once.
    const items = await feedOf(b);
    expect(items.filter((item) => item.kind === 'document' && item.document.id === doc.id)).toHaveLength(1);
  });

  it('sets aside a document the hub rejects and sends the rest', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const bad = await issueTo(a, ['999.99.99.H99']);
    const good = await issueTo(a, [agencies.communeB.code]);
    const result = await a.call('sync.run', {});
    expect(result.outcome).toBe('partial');
    expect(result.sent.map((s) => s.documentId)).toEqual([good.id]);
    expect(result.rejected.map((r) => r.code)).toEqual(['RECIPIENT_UNKNOWN']);
    // The clerk reads why in Vietnamese, with the hub's words (which code) kept for support.
    expect(result.rejected[0]!.message).toMatch(
      /^Có nơi nhận không có trong danh bạ cơ quan của tỉnh\..*999\.99\.99\.H99/,
    );
    const status = await a.call('sync.status', {});
    expect(status.rejected.map((r) => r.documentId)).toEqual([bad.id]);
    expect(status.rejected[0]!.message).toBe(result.rejected[0]!.message);
    expect(status.queue).toEqual([]);
  });

  it('a document the hub could not store (a NUL in its subject) is set aside here; the others go and the pull still runs', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const bad = await issueTo(a, [agencies.communeB.code], { subject: 'Trích yếu có ký tự \u0000 lạ' });
    const good = await issueTo(a, [agencies.communeB.code]);
    const result = await a.call('sync.run', {});
    expect(result.outcome).toBe('partial');
    expect(result.sent.map((s) => s.documentId)).toEqual([good.id]);
    expect(result.rejected).toMatchObject([{ code: 'LOCAL_INVALID', message: matching.stringMatching(/subject/) }]);
    const status = await a.call('sync.status', {});
    expect(status.rejected).toMatchObject([{ documentId: bad.id, code: 'LOCAL_INVALID' }]);
  });

  it('an expired credential stops sync with a clear message and loses nothing; a new enrollment carries on', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const doc = await issueTo(a, [agencies.communeB.code]);
    const device = getDevice(a.core.db)!;
    expect(hub.admin(['device', 'expire', device.deviceId]).status).toBe(0);
    const refused = await a.call('sync.run', {});
    expect(refused.outcome).toBe('failed');
    expect(refused.error?.code).toBe('SYNC_CREDENTIAL_EXPIRED');
    expect(refused.error?.message).toMatch(/hết hạn/);
    expect(pendingCount(a)).toBe(1);
    const { code } = await hub.adminCommand('enroll', { agency: agencies.communeA.code });
    await a.call('sync.connect', { url: hub.url, code });
    const result = await a.call('sync.run', {});
    expect(result.outcome).toBe('ok');
    expect(result.sent.map((s) => s.documentId)).toEqual([doc.id]);
  });

  it("refuses a device of commune A asking for commune B's inbox or blobs (403), and leaks nothing", async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const doc = await issueTo(a, [agencies.communeB.code]);
    await a.call('sync.run', {});
    const other = await enrolledOffice(hub, agencies.district);
    const device = getDevice(other.core.db)!;
    const client = new HubClient(hub.url, device.credential);
    try {
      const b = encodeURIComponent(agencies.communeB.code);
      const refused = await client
        .json('POST', `v1/agencies/${b}/pull`, { cursor: 0, budget: 65536 }, pullReply)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HubError);
      expect((refused as HubError).failure).toMatchObject({ kind: 'hub', status: 403, code: 'FORBIDDEN' });
      const sha = doc.attachments[0]!.sha256;
      const blob = await client
        .download(
          `v1/agencies/${encodeURIComponent(agencies.district.code)}/blobs/${sha}`,
          0,
          `${tempDir()}/x`,
          () => undefined,
        )
        .catch((e: unknown) => e);
      expect((blob as HubError).failure).toMatchObject({ status: 403 });
      // Asking which blobs are missing does not reveal that another agency holds this one.
      const missing = await client.json(
        'POST',
        `v1/agencies/${encodeURIComponent(agencies.district.code)}/blobs/missing`,
        { hashes: [sha] },
        missingReply,
      );
      expect(missing.missing.map((m) => m.sha256)).toEqual([sha]);
    } finally {
      client.close();
    }
  });

  it('a malformed or cut reply from the server is an error value; the queue stays', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    await issueTo(a, [agencies.communeB.code]);
    const replies: ((res: http.ServerResponse) => void)[] = [
      (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"agencies": [oops'),
      (res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ agencies: 'none', hubTime: 5 })),
      (res) =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
          .end(Buffer.from('not gzip at all')),
      (res) =>
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': '400' })
          .end(zlib.gzipSync('{}').subarray(0, 5)),
      (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>'),
    ];
    for (const reply of replies) {
      const hostile = http.createServer((_req, res) => reply(res));
      await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
      a.core.db
        .prepare('UPDATE sync_device SET hub_url = ?')
        .run(`http://127.0.0.1:${(hostile.address() as { port: number }).port}`);
      const result = await syncWith(a, { attempts: 2, baseMs: 1, maxMs: 5 });
      hostile.closeAllConnections();
      await new Promise<void>((resolve) => hostile.close(() => resolve()));
      expect(result.outcome).toBe('failed');
      expect(['SYNC_BAD_REPLY', 'SYNC_OFFLINE', 'SYNC_HUB_ERROR']).toContain(result.error?.code);
      expect(result.error?.message).toMatch(/máy chủ|kết nối/i);
      expect(pendingCount(a)).toBe(1);
    }
    a.core.db.prepare('UPDATE sync_device SET hub_url = ?').run(hub.url);
    expect((await a.call('sync.run', {})).outcome).toBe('ok');
    expect(pendingCount(a)).toBe(0);
    const runs = (await a.call('sync.status', {})).runs;
    expect(runs.filter((r) => r.outcome === 'failed')).toHaveLength(replies.length);
  });

  it('merges metadata edits from two devices of one agency: the later edit wins per field', async () => {
    const a = await enrolledOffice(hub, agencies.communeA);
    const doc = await issueTo(a, [agencies.communeB.code]);
    await a.call('sync.run', {});
    const second = await enrolledOffice(hub, agencies.communeA);
    // Only the first device numbers documents.
    expect(getDevice(second.core.db)!.holdsRegister).toBe(false);
    await expect(issueTo(second, [agencies.communeB.code])).rejects.toMatchObject({ code: 'REGISTER_NOT_HELD' });

    // A register correction rides along: the type is this machine's own (protocol v1 carries
    // trích yếu, hạn, ngày xong, ghi chú and đơn vị nhận only), the note travels.
    await a.call('documents.update', { id: doc.id, notes: 'Máy 1 sửa ghi chú', type: 'TB', reason: 'Chọn nhầm loại' });
    // The second PC's edits, one made before the first PC's (its clock says 2001), one after (2100).
    const device = getDevice(second.core.db)!;
    const client = new HubClient(device.hubUrl, device.credential);
    const path = `v1/agencies/${encodeURIComponent(agencies.communeA.code)}/changes`;
    try {
      const older = {
        id: newId(),
        hlc: '2001-01-01T00:00:00.000Z-0000-00000000000000b2',
        op: 'document.update',
        documentId: doc.id,
        fields: { notes: 'Máy 2, cũ', dueOn: '2026-12-20' },
      };
      expect((await client.json('POST', path, { changes: [older] }, changesReply)).results[0]!.status).toBe('applied');
      await a.call('sync.run', {});
      let seen = await a.call('documents.get', { id: doc.id });
      expect(seen.notes).toBe('Máy 1 sửa ghi chú');
      expect(seen.dueOn).toBe('2026-12-20');

      const newer = {
        id: newId(),
        hlc: '2100-01-01T00:00:00.000Z-0000-00000000000000b2',
        op: 'document.update',
        documentId: doc.id,
        fields: { notes: 'Máy 2, mới nhất' },
      };
      expect((await client.json('POST', path, { changes: [newer] }, changesReply)).results[0]!.status).toBe('applied');
      await a.call('sync.run', {});
      seen = await a.call('documents.get', { id: doc.id });
      expect(seen.notes).toBe('Máy 2, mới nhất');
    } finally {
      client.close();
    }
    // The second PC was told of the first PC's edit; its own edits do not come back to it.
    const items = await feedOf(second);
    expect(items.filter((item) => item.kind === 'update').map((item) => (item as { fields: object }).fields)).toEqual([
      { notes: 'Máy 1 sửa ghi chú' },
    ]);
  });
});

async function syncWith(office: { core: Core }, retry: { attempts: number; baseMs: number; maxMs: number }) {
  const { runSync } = await import('../../core/sync/engine.ts');
  return runSync(office.core, { trigger: 'manual' }, { retry });
}

async function feedOf(office: { core: Core }) {
  const device = getDevice(office.core.db)!;
  const client = new HubClient(device.hubUrl, device.credential);
  try {
    const page = await client.json(
      'POST',
      `v1/agencies/${encodeURIComponent(device.agencyCode)}/pull`,
      { cursor: 0, budget: 8 * 1024 * 1024 },
      pullReply,
    );
    return page.items;
  } finally {
    client.close();
  }
}
