// PDFs up a slow, breaking line: resumable chunked uploads where the hub's
// offset is the only truth, cut bodies that keep what arrived, checksums per
// chunk and per blob, Range downloads, and partial uploads that survive a
// restart. Runs on PGlite and on PostgreSQL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOutputs } from '../../server/admin/commands.ts';
import { MAX_BLOB_BYTES, missingReply, uploadState } from '../../shared/sync-protocol.ts';
import {
  chunkHeaders,
  enrollDevice,
  hubBackends,
  hubError,
  hubRequest,
  replyJson,
  sha256Hex,
  startHub,
  uploadWhole,
  type EnrolledDevice,
  type Hub,
} from '../helpers/hub.ts';
import { matching } from '../helpers/matchers.ts';

const communeA = { code: '000.01.31.H56', name: 'UBND xã An Hòa' };
const communeB = { code: '000.02.31.H56', name: 'UBND xã Bình Minh' };

describe.each(hubBackends())('hub blobs ($name)', (backend) => {
  let hub: Hub;
  let dataDir: string;
  let a: EnrolledDevice;
  let b: EnrolledDevice;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-blobs-'));
    hub = await startHub({ dataDir, ...(await backend.database()) });
    for (const commune of [communeA, communeB]) await hub.adminCommand('agency-add', { ...commune, parentCode: null });
    a = await enrollDevice(hub, communeA.code);
    b = await enrollDevice(hub, communeB.code);
  });
  afterAll(async () => {
    await hub?.stop();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const uploadPath = (device: EnrolledDevice, sha256: string) => `/v1/agencies/${device.agency}/uploads/${sha256}`;
  const patch = (
    device: EnrolledDevice,
    sha256: string,
    offset: number,
    total: number,
    chunk: Buffer,
    headers: Record<string, string> = {},
  ) =>
    hubRequest(hub.url, {
      method: 'PATCH',
      path: uploadPath(device, sha256),
      credential: device.credential,
      body: chunk,
      headers: { ...chunkHeaders(offset, total, chunk), ...headers },
    });
  const state = async (device: EnrolledDevice, sha256: string) =>
    replyJson(
      await hubRequest(hub.url, { path: uploadPath(device, sha256), credential: device.credential }),
      uploadState,
    );
  const missing = async (device: EnrolledDevice, hashes: string[]) =>
    replyJson(
      await hubRequest(hub.url, {
        path: `/v1/agencies/${device.agency}/blobs/missing`,
        credential: device.credential,
        json: { hashes },
      }),
      missingReply,
    ).missing;

  it('takes a PDF in chunks, each at the offset the hub holds, and then no longer reports it missing', async () => {
    const pdf = randomBytes(300_000);
    const sha256 = sha256Hex(pdf);
    expect(await missing(a, [sha256])).toEqual([{ sha256, offset: 0 }]);
    for (const [start, end] of [
      [0, 100_000],
      [100_000, 200_000],
    ] as const) {
      const reply = await patch(a, sha256, start, pdf.length, pdf.subarray(start, end));
      expect([reply.status, reply.json]).toMatchObject([200, { offset: end, complete: false }]);
    }
    expect(await missing(a, [sha256])).toEqual([{ sha256, offset: 200_000 }]);
    const last = await patch(a, sha256, 200_000, pdf.length, pdf.subarray(200_000));
    expect(last.json).toMatchObject({ offset: pdf.length, complete: true });
    expect(await missing(a, [sha256])).toEqual([]);
    expect(await state(a, sha256)).toEqual({ offset: pdf.length, complete: true, hubTime: matching.any(String) });
    expect(fs.readFileSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256)).equals(pdf)).toBe(true);
    // Another agency holding the same PDF still has to prove it by uploading; the answer never says who holds what.
    expect(await missing(b, [sha256])).toEqual([{ sha256, offset: 0 }]);
    await uploadWhole(hub, b, pdf);
    expect(await missing(b, [sha256])).toEqual([]);
  });

  it('answers a chunk at the wrong offset with 409 and the offset the hub holds', async () => {
    const pdf = randomBytes(50_000);
    const sha256 = sha256Hex(pdf);
    await patch(a, sha256, 0, pdf.length, pdf.subarray(0, 20_000));
    for (const wrong of [0, 30_000]) {
      const reply = await patch(a, sha256, wrong, pdf.length, pdf.subarray(wrong, wrong + 10_000));
      const refused = hubError(reply);
      expect([reply.status, refused?.error.code, refused?.offset]).toEqual([409, 'UPLOAD_OFFSET_MISMATCH', 20_000]);
    }
    expect((await state(a, sha256)).offset).toBe(20_000);
  });

  it('keeps the bytes of a body cut mid-way, and the upload resumes from there', async () => {
    const pdf = randomBytes(400_000);
    const sha256 = sha256Hex(pdf);
    const sent = 150_000;
    const req = http.request(new URL(uploadPath(a, sha256), hub.url), {
      method: 'PATCH',
      headers: {
        'vanthu-protocol': '1',
        authorization: `Bearer ${a.credential}`,
        'content-length': String(pdf.length),
        ...chunkHeaders(0, pdf.length, pdf),
      },
    });
    req.on('error', () => undefined);
    await new Promise<void>((resolve) => req.write(pdf.subarray(0, sent), () => resolve()));
    // While the first PATCH is still receiving, a second one is turned away.
    const busy = await patch(a, sha256, 0, pdf.length, pdf.subarray(0, 1000));
    expect([busy.status, hubError(busy)?.error.code]).toEqual([409, 'UPLOAD_BUSY']);
    req.destroy();

    let offset = 0;
    for (let i = 0; i < 100 && offset === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      offset = (await state(a, sha256)).offset;
    }
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(sent);
    const rest = await patch(a, sha256, offset, pdf.length, pdf.subarray(offset));
    expect(rest.json).toMatchObject({ offset: pdf.length, complete: true });
    expect(fs.readFileSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256)).equals(pdf)).toBe(true);
  });

  it('drops a chunk whose checksum is wrong and keeps the offset before it', async () => {
    const pdf = randomBytes(60_000);
    const sha256 = sha256Hex(pdf);
    await patch(a, sha256, 0, pdf.length, pdf.subarray(0, 30_000));
    const damaged = Buffer.from(pdf.subarray(30_000));
    const checksumOfGood = chunkHeaders(30_000, pdf.length, damaged)['upload-checksum']!;
    damaged[100] = damaged[100]! ^ 0xff;
    const reply = await patch(a, sha256, 30_000, pdf.length, damaged, { 'upload-checksum': checksumOfGood });
    expect([reply.status, hubError(reply)?.error.code]).toEqual([422, 'CHUNK_CHECKSUM_MISMATCH']);
    expect(await state(a, sha256)).toMatchObject({ offset: 30_000, complete: false });
  });

  it('discards an upload whose bytes do not hash to its name', async () => {
    const pdf = randomBytes(40_000);
    const claimed = sha256Hex(randomBytes(10));
    await patch(a, claimed, 0, pdf.length, pdf.subarray(0, 20_000));
    const reply = await patch(a, claimed, 20_000, pdf.length, pdf.subarray(20_000));
    expect([reply.status, hubError(reply)?.error.code]).toEqual([422, 'BLOB_HASH_MISMATCH']);
    expect(await state(a, claimed)).toMatchObject({ offset: 0, complete: false });
    expect(fs.existsSync(path.join(dataDir, 'blobs', claimed.slice(0, 2), claimed))).toBe(false);
  });

  it('refuses a blob over the size limit before reading it', async () => {
    const sha256 = sha256Hex(randomBytes(8));
    const reply = await patch(a, sha256, 0, MAX_BLOB_BYTES + 1, Buffer.alloc(10));
    expect([reply.status, hubError(reply)?.error.code]).toEqual([413, 'BLOB_TOO_LARGE']);
  });

  it('serves a blob with Range so a cut download resumes, and only to agencies that may see it', async () => {
    const pdf = randomBytes(120_000);
    const sha256 = await uploadWhole(hub, a, pdf);
    const blobPath = (device: EnrolledDevice, sha: string) => `/v1/agencies/${device.agency}/blobs/${sha}`;
    const whole = await hubRequest(hub.url, {
      path: blobPath(a, sha256),
      credential: a.credential,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(whole.status).toBe(200);
    expect(whole.body.equals(pdf)).toBe(true);
    const resumed = await hubRequest(hub.url, {
      path: blobPath(a, sha256),
      credential: a.credential,
      headers: { range: 'bytes=70000-' },
    });
    expect(resumed.status).toBe(206);
    expect(resumed.headers['content-range']).toBe(`bytes 70000-119999/120000`);
    expect(resumed.body.equals(pdf.subarray(70_000))).toBe(true);
    const past = await hubRequest(hub.url, {
      path: blobPath(a, sha256),
      credential: a.credential,
      headers: { range: 'bytes=120000-' },
    });
    expect([past.status, hubError(past)?.error.code]).toEqual([416, 'RANGE_NOT_SATISFIABLE']);

    // B was sent nothing: A's blob and a blob that does not exist look the same to it.
    for (const sha of [sha256, sha256Hex(randomBytes(8))]) {
      const refused = await hubRequest(hub.url, { path: blobPath(b, sha), credential: b.credential });
      expect([refused.status, hubError(refused)?.error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('keeps a partial upload across a clean stop and a kill', async () => {
    const pdf = randomBytes(90_000);
    const sha256 = sha256Hex(pdf);
    await patch(a, sha256, 0, pdf.length, pdf.subarray(0, 30_000));
    await hub.stop();
    // With no hub running, the admin CLI opens the database itself.
    const listed = hub.admin(['agency', 'list', '--json']);
    expect(listed.status).toBe(0);
    expect(adminOutputs['agency-list'].parse(listed.json).map((x) => x.code)).toEqual([communeA.code, communeB.code]);
    await hub.restart();
    expect(await state(a, sha256)).toMatchObject({ offset: 30_000, complete: false });
    await patch(a, sha256, 30_000, pdf.length, pdf.subarray(30_000, 60_000));
    await hub.kill();
    await hub.restart();
    expect(await state(a, sha256)).toMatchObject({ offset: 60_000, complete: false });
    expect((await patch(a, sha256, 60_000, pdf.length, pdf.subarray(60_000))).json).toMatchObject({ complete: true });
  });
});
