// Changes in, feeds out: routing an issued document to its recipients,
// statuses back to the sender, replays that change nothing, poison changes
// that block nothing, last-writer-wins metadata, and feeds paged by bytes
// without a gap even under concurrent writers. Runs on PGlite and on PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ackReply,
  changesReply,
  pullReply,
  type AttachmentRef,
  type Change,
  type DocumentEnvelope,
  type FeedItem,
  type MutableFields,
} from '../../shared/sync-protocol.ts';
import {
  enrollDevice,
  hubBackends,
  hubRequest,
  replyJson,
  sha256Hex,
  startHub,
  uploadWhole,
  type EnrolledDevice,
  type Hub,
} from '../helpers/hub.ts';
import { matching } from '../helpers/matchers.ts';

const names: Record<string, string> = {
  A: 'UBND xã An Hòa',
  B: 'UBND xã Bình Minh',
  C: 'UBND huyện Đông Sơn',
  D: 'UBND xã Đồng Tiến',
  E: 'UBND xã Yên Phong',
  F: 'UBND xã Phú Lộc',
  W1: 'UBND xã Quảng Phú',
  W2: 'UBND xã Quảng Tâm',
  W3: 'UBND xã Quảng Đông',
  W4: 'UBND xã Quảng Thịnh',
  T: 'UBND tỉnh Thanh Hóa',
};
const code = (key: string) => `000.${String(Object.keys(names).indexOf(key) + 1).padStart(2, '0')}.31.H56`;

/** An HLC `ms` after 09:00 on 2 May 2026, on clock node `node`. */
const hlcAt = (ms: number, node = 1) =>
  `${new Date(Date.UTC(2026, 4, 2, 2, 0, 0) + ms).toISOString()}-0000-${node.toString(16).padStart(16, '0')}`;
let tick = 0;
const nextHlc = () => hlcAt(++tick * 1000);

function envelope(subject = 'Về việc báo cáo kết quả tiêm chủng'): DocumentEnvelope {
  return {
    id: randomUUID(),
    docType: 'CV',
    subject,
    notation: `${12 + tick}/UBND-VP`,
    number: 12 + tick,
    issuedOn: '2026-05-02',
    issuerName: names.A!,
    urgency: 'thuong',
    secrecy: 'thuong',
    dueOn: null,
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Chủ tịch',
    pageCount: 2,
  };
}

const attachment = (sha256: string, size: number, position = 0): AttachmentRef => ({
  sha256,
  size,
  filename: `cong-van-${position}.pdf`,
  role: position === 0 ? 'main' : 'appendix',
  position,
  mime: 'application/pdf',
});

const issue = (
  document: DocumentEnvelope,
  attachments: AttachmentRef[],
  recipients: string[],
): Extract<Change, { op: 'document.issue' }> => ({
  id: randomUUID(),
  hlc: nextHlc(),
  op: 'document.issue',
  document,
  attachments,
  recipients,
});

const status = (documentId: string, senderCode: string, statusCode: '01' | '03'): Change => ({
  id: randomUUID(),
  hlc: nextHlc(),
  op: 'status.send',
  documentId,
  senderCode,
  statusCode,
  description: statusCode === '01' ? 'Đã đến' : 'Đã vào sổ',
  at: new Date().toISOString(),
});

const update = (documentId: string, fields: MutableFields, hlc = nextHlc()): Change => ({
  id: randomUUID(),
  hlc,
  op: 'document.update',
  documentId,
  fields,
});

/** The document ids of feed items; a status or an update shows as its kind, so it cannot pass for a document. */
const documentIds = (items: FeedItem[]) =>
  items.map((item) => (item.kind === 'document' ? item.document.id : item.kind));

describe.each(hubBackends())('hub changes and feeds ($name)', (backend) => {
  let hub: Hub;
  let dataDir: string;
  const devices: Record<string, EnrolledDevice> = {};
  const pdf = randomBytes(5_000);
  const sha256 = sha256Hex(pdf);
  const pdfRef = () => attachment(sha256, pdf.length);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-changes-'));
    hub = await startHub({ dataDir, ...(await backend.database()) });
    for (const key of Object.keys(names))
      await hub.adminCommand('agency-add', { code: code(key), name: names[key], parentCode: null });
    // The first device of each agency holds its registers; A2, E2 and E3 do not.
    for (const key of ['A', 'A2', 'B', 'C', 'D', 'E', 'E2', 'E3', 'F', 'W1', 'W2', 'W3', 'W4', 'T']) {
      devices[key] = await enrollDevice(hub, code(key.replace(/\d$/, '').replace(/^W$/, key)), key);
    }
    for (const key of ['A', 'E', 'W1', 'W2', 'W3', 'W4']) await uploadWhole(hub, devices[key]!, pdf);
  });
  afterAll(async () => {
    await hub?.stop();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const push = async (device: EnrolledDevice, changes: Change[]) => {
    const reply = await hubRequest(hub.url, {
      path: `/v1/agencies/${device.agency}/changes`,
      credential: device.credential,
      json: { changes },
      gzip: true,
    });
    expect(reply.status).toBe(200);
    return replyJson(reply, changesReply).results;
  };
  const pullPage = async (device: EnrolledDevice, cursor = 0, budget = 1024 * 1024) => {
    const reply = await hubRequest(hub.url, {
      path: `/v1/agencies/${device.agency}/pull`,
      credential: device.credential,
      json: { cursor, budget },
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(reply.status).toBe(200);
    return reply;
  };
  const pullAll = async (device: EnrolledDevice, cursor = 0) => {
    const items: FeedItem[] = [];
    for (;;) {
      const page = replyJson(await pullPage(device, cursor), pullReply);
      items.push(...page.items);
      cursor = page.cursor;
      if (!page.more) return { items, cursor };
    }
  };

  it('routes an issued document to two agencies and brings their statuses back to the sender', async () => {
    const doc = envelope('Về việc tổ chức tiêm chủng đợt 2');
    expect(await push(devices.A!, [issue(doc, [pdfRef()], [code('B'), code('C')])])).toEqual([
      matching.objectContaining({ status: 'applied' }),
    ]);

    for (const key of ['B', 'C']) {
      const reply = await pullPage(devices[key]!);
      expect(reply.headers['content-encoding']).toBe('gzip');
      const items = replyJson(reply, pullReply).items.filter(
        (item) => item.kind === 'document' && item.document.id === doc.id,
      );
      expect(items).toEqual([
        {
          seq: matching.any(Number),
          kind: 'document',
          sender: { code: code('A'), name: names.A },
          document: doc,
          attachments: [pdfRef()],
          recipients: [code('B'), code('C')],
        },
      ]);
      // The PDF of a document delivered to it is now readable by the recipient.
      const blob = await hubRequest(hub.url, {
        path: `/v1/agencies/${code(key)}/blobs/${sha256}`,
        credential: devices[key]!.credential,
      });
      expect(blob.status).toBe(200);
      expect(blob.body.equals(pdf)).toBe(true);
    }
    // The sender's own feed does not carry its outgoing document.
    expect((await pullAll(devices.A!)).items.filter((item) => item.kind === 'document')).toEqual([]);

    expect(await push(devices.B!, [status(doc.id, code('A'), '01'), status(doc.id, code('A'), '03')])).toMatchObject([
      { status: 'applied' },
      { status: 'applied' },
    ]);
    expect(await push(devices.C!, [status(doc.id, code('A'), '01')])).toMatchObject([{ status: 'applied' }]);
    const statuses = (await pullAll(devices.A!)).items
      .filter((item) => item.kind === 'status')
      .filter((item) => item.documentId === doc.id);
    expect(statuses.map((s) => [s.from.code, s.from.name, s.statusCode])).toEqual([
      [code('B'), names.B, '01'],
      [code('B'), names.B, '03'],
      [code('C'), names.C, '01'],
    ]);

    // A status about a document the agency was never sent is refused and remembered.
    const stray = status(doc.id, code('A'), '01');
    expect(await push(devices.D!, [stray])).toMatchObject([{ status: 'rejected', code: 'FORBIDDEN' }]);
  });

  it('answers a replayed batch with duplicate and puts nothing twice in a feed', async () => {
    const doc = envelope();
    const batch = [issue(doc, [pdfRef()], [code('D')])];
    expect(await push(devices.A!, batch)).toMatchObject([{ status: 'applied' }]);
    expect(await push(devices.A!, batch)).toEqual([{ id: batch[0]!.id, status: 'duplicate' }]);
    const items = (await pullAll(devices.D!)).items.filter(
      (item) => item.kind === 'document' && item.document.id === doc.id,
    );
    expect(items).toHaveLength(1);
  });

  it('rejects a poison change for good without blocking the changes after it', async () => {
    const good = issue(envelope(), [pdfRef()], [code('F')]);
    const batch = [
      issue(envelope(), [pdfRef()], [code('F'), '999.99.99.H99']),
      issue(envelope(), [pdfRef()], [code('A')]),
      good,
    ];
    const first = await push(devices.A!, batch);
    expect(first.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'RECIPIENT_UNKNOWN'],
      ['rejected', 'RECIPIENT_SELF'],
      ['applied', undefined],
    ]);
    expect(first[0]!.message).toContain('999.99.99.H99');
    const replay = await push(devices.A!, batch);
    expect(replay.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'RECIPIENT_UNKNOWN'],
      ['rejected', 'RECIPIENT_SELF'],
      ['duplicate', undefined],
    ]);
    // Nothing was half-sent: F got only the good document.
    expect(documentIds((await pullAll(devices.F!)).items)).toEqual([good.document.id]);

    // Only the device holding the registers numbers documents.
    expect(await push(devices.A2!, [issue(envelope(), [pdfRef()], [code('F')])])).toMatchObject([
      { status: 'rejected', code: 'NUMBERING_NOT_HELD' },
    ]);
  });

  it('asks to retry a document whose PDF has not arrived, and applies it once uploaded', async () => {
    const late = randomBytes(3_000);
    const change = issue(envelope(), [pdfRef(), attachment(sha256Hex(late), late.length, 1)], [code('D')]);
    for (let i = 0; i < 2; i++) {
      const [result] = await push(devices.A!, [change]);
      expect([result!.status, result!.code]).toEqual(['retry', 'BLOB_MISSING']);
      expect(result!.message).toContain(sha256Hex(late));
    }
    await uploadWhole(hub, devices.A!, late);
    expect(await push(devices.A!, [change])).toMatchObject([{ status: 'applied' }]);
  });

  it('pages a feed by the bytes the client can take, always at least one item, with a cursor to go on from', async () => {
    const docs = Array.from({ length: 12 }, () => envelope(`Về việc ${'triển khai kế hoạch '.repeat(10)}`));
    const results = await push(
      devices.A!,
      docs.map((doc) => issue(doc, [pdfRef()], [code('T')])),
    );
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    // One document far larger than the budget: it still comes, alone.
    const big = envelope('Đ'.repeat(2000));
    const bigAttachments = Array.from({ length: 50 }, (_, i) => attachment(sha256, pdf.length, i));
    expect(await push(devices.A!, [issue(big, bigAttachments, [code('T')])])).toMatchObject([{ status: 'applied' }]);

    const budget = 4096;
    const seen: FeedItem[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const reply = await pullPage(devices.T!, cursor, budget);
      const page = replyJson(reply, pullReply);
      pages++;
      expect(page.items.length).toBeGreaterThan(0);
      if (page.items.length > 1) expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThanOrEqual(budget);
      expect(page.cursor).toBe(page.items.at(-1)?.seq);
      seen.push(...page.items);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages).toBeGreaterThan(3);
    expect(documentIds(seen)).toEqual([...docs, big].map((doc) => doc.id));
    expect(seen.map((item) => item.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.at(-1)).toHaveProperty('attachments.length', 50);
    const after = replyJson(await pullPage(devices.T!, cursor, budget), pullReply);
    expect([after.items, after.cursor, after.more]).toEqual([[], cursor, false]);
  });

  it('merges metadata per field, last writer by HLC wins, and a device never gets its own update back', async () => {
    const doc = envelope();
    expect(await push(devices.E!, [issue(doc, [pdfRef()], [code('D')])])).toMatchObject([{ status: 'applied' }]);
    const [e1, e2, e3] = [devices.E!, devices.E2!, devices.E3!];
    const later = hlcAt(10_000_000, 1);
    const earlier = hlcAt(5_000_000, 2);
    expect(
      await push(e1, [update(doc.id, { subject: 'Trích yếu sửa lúc 11 giờ', notes: 'Đã báo cáo chủ tịch' }, later)]),
    ).toMatchObject([{ status: 'applied' }]);
    // Sent afterwards but stamped earlier: its subject loses, its new field (dueOn) is kept.
    expect(
      await push(e2, [update(doc.id, { subject: 'Trích yếu sửa lúc 10 giờ', dueOn: '2026-06-01' }, earlier)]),
    ).toMatchObject([{ status: 'applied' }]);

    const seenBy = async (device: EnrolledDevice) =>
      (await pullAll(device)).items.filter((item) => item.kind === 'update').map((item) => item.fields);
    expect(await seenBy(e1)).toEqual([{ dueOn: '2026-06-01' }]);
    expect(await seenBy(e2)).toEqual([{ subject: 'Trích yếu sửa lúc 11 giờ', notes: 'Đã báo cáo chủ tịch' }]);
    expect(await seenBy(e3)).toEqual([
      { subject: 'Trích yếu sửa lúc 11 giờ', notes: 'Đã báo cáo chủ tịch' },
      { dueOn: '2026-06-01' },
    ]);
    // The cursor still moves past the device's own items.
    const own = await pullAll(e1);
    expect(own.cursor).toBe((await pullAll(e3)).cursor);

    // The same clock on two devices: the device id decides, the same way everywhere.
    const tie = hlcAt(20_000_000, 3);
    await push(e1, [update(doc.id, { notes: 'ghi chú của máy 1' }, tie)]);
    await push(e3, [update(doc.id, { notes: 'ghi chú của máy 3' }, tie)]);
    const winner = e1.deviceId > e3.deviceId ? 'ghi chú của máy 1' : 'ghi chú của máy 3';
    const notes = (await seenBy(e2)).filter((fields) => 'notes' in fields).map((fields) => fields.notes);
    expect(notes.at(-1)).toBe(winner);
    expect(notes.filter((n) => n === winner)).toHaveLength(1);

    // The recipient keeps its own metadata of the document; the sender's feed does not see it.
    const recipientUpdate = update(doc.id, { completedOn: '2026-05-10' });
    expect(await push(devices.D!, [recipientUpdate])).toMatchObject([{ status: 'applied' }]);
    expect((await seenBy(e3)).some((fields) => 'completedOn' in fields)).toBe(false);

    expect(await push(e1, [update(randomUUID(), { notes: 'x' })])).toMatchObject([
      { status: 'rejected', code: 'NOT_FOUND' },
    ]);
    expect(await push(devices.F!, [update(doc.id, { notes: 'x' })])).toMatchObject([
      { status: 'rejected', code: 'NOT_FOUND' },
    ]);
  });

  it('records acknowledgements per device, never backwards and never past the feed', async () => {
    const ack = async (cursor: number) =>
      replyJson(
        await hubRequest(hub.url, {
          path: `/v1/agencies/${code('D')}/ack`,
          credential: devices.D!.credential,
          json: { cursor },
        }),
        ackReply,
      ).acked;
    const head = (await pullAll(devices.D!)).cursor;
    expect(await ack(head + 1000)).toBe(head);
    expect(await ack(1)).toBe(head);
    const listed = await hub.adminCommand('device-list', {});
    expect(listed.find((d) => d.id === devices.D!.deviceId)?.ackedCursor).toBe(head);
  });

  it('numbers a feed without gaps while several agencies write into it and a reader pulls at the same time', async () => {
    const writers = ['W1', 'W2', 'W3', 'W4'].map((key) => devices[key]!);
    const perWriter = 6;
    const expected = writers.length * perWriter;
    const start = (await pullAll(devices.C!)).cursor;
    let writing = true;
    // A reader that trusts its cursor: a seq committed after a higher one would be skipped for ever.
    const reader = (async () => {
      const seen: number[] = [];
      const deadline = Date.now() + 20_000;
      for (let cursor = start; Date.now() < deadline;) {
        const lastLook = !writing;
        const page = replyJson(await pullPage(devices.C!, cursor, 4096), pullReply);
        seen.push(...page.items.map((item) => item.seq));
        cursor = page.cursor;
        if (lastLook && !page.more) return seen;
        if (!page.more) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return seen;
    })();
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < perWriter; i++) {
          // Recipients in either order: the hub takes feed locks sorted, so writers never deadlock.
          const recipients = (w + i) % 2 === 0 ? [code('C'), code('B')] : [code('B'), code('C')];
          expect(await push(writer, [issue(envelope(), [pdfRef()], recipients)])).toMatchObject([
            { status: 'applied' },
          ]);
        }
      }),
    );
    writing = false;
    expect(await reader).toEqual(Array.from({ length: expected }, (_, i) => start + i + 1));
  });
});
