// Sync benchmark: a commune's day (40 documents, ~8 MB of PDFs, one Hỏa tốc)
// sent through the line proxy at 256 kbit/s and 300 ms RTT, against:
//   - the physical floor: the PDF bytes at the line rate;
//   - the naive way: one plain HTTP upload per document on a new connection,
//     then its change on another new connection (same hub, same line);
// plus the wait for the Hỏa tốc document, and the bytes sent again after the
// line is cut at 50 % of an upload.
//
//   npm run bench -- sync [--docs 40] [--mb 8] [--rate 256000] [--rtt 300]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { call } from '../core/api.ts';
import { openCore, type Core } from '../core/context.ts';
import { getDevice } from '../core/db/sync.ts';
import { runSync } from '../core/sync/engine.ts';
import { loadOutbox } from '../core/sync/outbox.ts';
import { startHub, type Hub } from '../tests/helpers/hub.ts';
import { startLineProxy, type LineProxy } from '../scripts/lib/line-proxy.ts';
import { scanSizedPdf } from '../scripts/lib/make-pdf.ts';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../shared/sync-protocol.ts';
import type { CoreEvent } from '../shared/api.ts';
import type { Urgency } from '../shared/domain.ts';

const SENDER = { code: '000.01.31.H56', name: 'UBND xã An Hòa' };
const RECIPIENT = { code: '000.00.31.H56', name: 'UBND huyện Đông Sơn' };
const CUT_SENDER = { code: '000.03.31.H56', name: 'UBND xã Cẩm Tú' };
const CLEAN_SENDER = { code: '000.04.31.H56', name: 'UBND xã Cẩm Vân' };

export async function run(args: string[]): Promise<unknown> {
  const { values } = parseArgs({
    args,
    options: { docs: { type: 'string' }, mb: { type: 'string' }, rate: { type: 'string' }, rtt: { type: 'string' } },
  });
  const docs = Number(values.docs ?? 40);
  const totalBytes = Math.round(Number(values.mb ?? 8) * 1_000_000);
  const rate = Number(values.rate ?? 256_000);
  const rttMs = Number(values.rtt ?? 300);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-sync-'));
  const hubs: Hub[] = [];
  const lines: LineProxy[] = [];
  const cores: Core[] = [];
  const lineTo = async (hub: Hub) => {
    const target = new URL(hub.url);
    const line = await startLineProxy({
      target: { host: target.hostname, port: Number(target.port) },
      rateBitsPerSecond: rate,
      delayMs: rttMs / 2,
    });
    lines.push(line);
    return line;
  };
  const office = async (name: string, agency: { code: string; name: string }, hub: Hub, via: string) => {
    const core = openCore(path.join(dir, name), { actor: 'bench', onEvent: recordSent });
    cores.push(core);
    await call(core, 'office.init', { agencyCode: agency.code, name: agency.name });
    await call(core, 'sync.connect', {
      url: via,
      code: (await hub.adminCommand('enroll', { agency: agency.code })).code,
    });
    return core;
  };
  try {
    const hub = await startHub({ dataDir: path.join(dir, 'hub') });
    const naiveHub = await startHub({ dataDir: path.join(dir, 'hub-naive') });
    hubs.push(hub, naiveHub);
    for (const h of hubs)
      for (const agency of [RECIPIENT, SENDER, CUT_SENDER, CLEAN_SENDER])
        await h.adminCommand('agency-add', { code: agency.code, name: agency.name, parentCode: null });

    // The day's batch: sizes spread like real scans, the Hỏa tốc one issued last.
    const line = await lineTo(hub);
    const sender = await office('sender', SENDER, hub, line.url);
    const sizes = batchSizes(docs, totalBytes);
    let urgentId = '';
    for (let i = 0; i < docs; i++) {
      const urgency: Urgency = i === docs - 1 ? 'hoa-toc' : i % 10 === 3 ? 'khan' : 'thuong';
      const id = await issue(
        sender,
        `Công văn số ${i + 1} về việc triển khai nhiệm vụ`,
        sizes[i]!,
        urgency,
        path.join(dir, 'pdf'),
      );
      if (urgency === 'hoa-toc') urgentId = id;
      process.stderr.write(`issued ${i + 1} / ${docs}\r`);
    }
    const pdfBytes = sizes.reduce((a, b) => a + b, 0);
    const urgentBytes = sizes[docs - 1]!;
    // The naive client sends the same documents: a copy of the store, enrolled with a second hub.
    fs.cpSync(path.join(dir, 'sender'), path.join(dir, 'naive'), { recursive: true });

    line.resetStats();
    const started = performance.now();
    const result = await runSync(sender, { trigger: 'manual' });
    const seconds = (performance.now() - started) / 1000;
    if (result.outcome !== 'ok') throw new Error(`sync failed: ${JSON.stringify(result.error)}`);
    const urgentSeconds = (sentAt.get(urgentId) ?? Number.NaN) - started;
    const vanthuUp = line.stats().bytesUp;

    const naiveLine = await lineTo(naiveHub);
    const naive = openCore(path.join(dir, 'naive'), { actor: 'bench' });
    cores.push(naive);
    await call(naive, 'sync.connect', {
      url: naiveLine.url,
      code: (await naiveHub.adminCommand('enroll', { agency: SENDER.code })).code,
    });
    naiveLine.resetStats();
    const naiveStarted = performance.now();
    await sendNaively(naive);
    const naiveSeconds = (performance.now() - naiveStarted) / 1000;

    // A cut at 50 % of a 1 MB upload, against the same upload uncut.
    const cutSize = 1_000_000;
    const clean = await office('clean', CLEAN_SENDER, hub, line.url);
    await issue(clean, 'Báo cáo tổng hợp (không ngắt)', cutSize, 'thuong', path.join(dir, 'pdf'));
    line.resetStats();
    if ((await runSync(clean, { trigger: 'manual' })).outcome !== 'ok') throw new Error('clean upload failed');
    const cleanUp = line.stats().bytesUp;
    const cut = await office('cut', CUT_SENDER, hub, line.url);
    await issue(cut, 'Báo cáo tổng hợp (bị ngắt)', cutSize, 'thuong', path.join(dir, 'pdf'));
    line.resetStats();
    void line.onceAfterBytesUp(Math.round(cutSize / 2), (l) => l.cutNow(3000));
    const cutResult = await runSync(cut, { trigger: 'manual' });
    if (cutResult.outcome !== 'ok') throw new Error(`upload after the cut failed: ${JSON.stringify(cutResult.error)}`);
    const resent = line.stats().bytesUp - cleanUp;

    const floor = (pdfBytes * 8) / rate;
    const urgentTransfer = (urgentBytes * 8) / rate;
    return {
      bench: 'sync',
      line: { rateBitsPerSecond: rate, rttMs },
      documents: docs,
      pdfBytes,
      floorSeconds: round(floor),
      vanthu: {
        seconds: round(seconds),
        ratioToFloor: round(seconds / floor, 3),
        bytesUp: vanthuUp,
        overheadBytes: vanthuUp - pdfBytes,
      },
      naive: {
        seconds: round(naiveSeconds),
        ratioToFloor: round(naiveSeconds / floor, 3),
        bytesUp: naiveLine.stats().bytesUp,
      },
      speedupOverNaive: round(naiveSeconds / seconds, 3),
      hoaToc: {
        bytes: urgentBytes,
        deliveredAfterSeconds: round(urgentSeconds / 1000),
        ownTransferSeconds: round(urgentTransfer),
        waitBeyondOwnTransferSeconds: round(urgentSeconds / 1000 - urgentTransfer),
      },
      cutAt50Percent: { uploadBytes: cutSize, resentBytes: resent, chunkBytesAtThisRate: chunkAt(rate, rttMs) },
    };
  } finally {
    for (const core of cores) core.close();
    for (const l of lines) await l.close();
    for (const h of hubs) await h.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  function round(value: number, digits = 2): number {
    return Number(value.toFixed(digits));
  }
}

/** When the hub acknowledged each document. */
const sentAt = new Map<string, number>();

function recordSent(event: CoreEvent): void {
  if (event.type === 'sync.sent' && !sentAt.has(event.documentId)) sentAt.set(event.documentId, performance.now());
}

async function issue(core: Core, subject: string, bytes: number, urgency: Urgency, pdfDir: string): Promise<string> {
  fs.mkdirSync(pdfDir, { recursive: true });
  const file = path.join(pdfDir, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, await scanSizedPdf(subject, bytes));
  const draft = await call(core, 'outgoing.draft', {
    file: { path: file },
    type: 'CV',
    subject,
    urgency,
    recipients: [{ agencyCode: RECIPIENT.code }],
  });
  return (await call(core, 'outgoing.issue', { id: draft.id })).id;
}

/** Sizes for a day's batch: from a one-page letter to a thick scanned report, adding up to `total`. */
function batchSizes(count: number, total: number): number[] {
  const weights = Array.from({ length: count }, (_, i) => 0.3 + ((i * 7919) % 17) / 8);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((w / sum) * total));
}

/** The chunk the line meter settles on at this rate and RTT (8 s of transfer, ≥ 20 RTTs). */
function chunkAt(rate: number, rttMs: number): number {
  const bytesPerSecond = rate / 8;
  return Math.round(
    Math.min(4 * 1024 * 1024, Math.max(64 * 1024, bytesPerSecond * 8, 20 * (rttMs / 1000) * bytesPerSecond)),
  );
}

/** What a web form does: each PDF in one request on a new connection, then its record on another. */
async function sendNaively(core: Core): Promise<void> {
  const device = getDevice(core.db)!;
  const base = `${device.hubUrl}/v1/agencies/${encodeURIComponent(device.agencyCode)}`;
  for (const item of loadOutbox(core).items) {
    for (const blob of item.blobs) {
      const bytes = core.blobs.read(blob.sha256);
      await request('PATCH', `${base}/uploads/${blob.sha256}`, device.credential, bytes, {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': String(bytes.length),
        'upload-checksum': `sha256 ${createHash('sha256').update(bytes).digest('base64')}`,
      });
    }
    await request(
      'POST',
      `${base}/changes`,
      device.credential,
      Buffer.from(JSON.stringify({ changes: [item.change] })),
      { 'content-type': 'application/json' },
    );
  }
}

function request(
  method: string,
  url: string,
  credential: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      agent: false,
      headers: {
        ...headers,
        connection: 'close',
        authorization: `Bearer ${credential}`,
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        'content-length': body.length,
      },
    });
    req.on('error', (e) => reject(new Error(`${method} ${url}: ${e.message}`)));
    req.on('response', (res) => {
      res.on('error', reject);
      res.resume();
      res.on('end', () =>
        res.statusCode && res.statusCode < 300
          ? resolve()
          : reject(new Error(`${method} ${url}: HTTP ${res.statusCode}`)),
      );
    });
    req.end(body);
  });
}
