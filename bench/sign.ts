// Signing benchmark: a batch of 1-MB decisions signed on a SoftHSM2 test token
// after one PIN entry, through the whole path (blob store, placement, PAdES,
// token host, self-check, transaction), against the floor measured in the
// same run: reading the file, SHA-256 of it, and one raw C_Sign.
//
//   npm run bench -- sign [--docs 100] [--size-mb 1]
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument } from '@cantoo/pdf-lib';
import fontkit from '@cantoo/fontkit';
import pkcs11js from 'pkcs11js';
import { call } from '../core/api.ts';
import { openCore } from '../core/context.ts';
import { sealPng, signaturePng } from '../scripts/lib/make-png.ts';
import { createTestTokens } from '../scripts/lib/test-tokens.ts';

const FONT = path.join(import.meta.dirname, '../assets/fonts/LiberationSerif-Regular.ttf');

export async function run(args: string[]): Promise<unknown> {
  const { values } = parseArgs({ args, options: { docs: { type: 'string' }, 'size-mb': { type: 'string' } } });
  const docs = Number(values.docs ?? 100);
  const sizeBytes = Math.round(Number(values['size-mb'] ?? 1) * 1024 * 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bench-sign-'));
  try {
    const tokens = await createTestTokens(path.join(dir, 'tokens'));
    process.env.SOFTHSM2_CONF = tokens.softhsm2Conf;
    const core = openCore(path.join(dir, 'data'), { actor: 'bench' });
    try {
      await call(core, 'office.init', { agencyCode: '000.00.31.H56', name: 'UBND xã Quảng Phú' });
      fs.writeFileSync(path.join(dir, 'sig.png'), signaturePng());
      fs.writeFileSync(path.join(dir, 'seal.png'), sealPng());
      await call(core, 'settings.signatureImage', {
        path: path.join(dir, 'sig.png'),
        kind: 'signature',
        signerName: 'Nguyễn Văn An',
      });
      const ids: string[] = [];
      for (let index = 0; index < docs; index++) {
        const file = path.join(dir, `qd-${index}.pdf`);
        fs.writeFileSync(file, await decisionOfSize(index, sizeBytes));
        const draft = await call(core, 'outgoing.draft', {
          file: { path: file },
          type: 'QD',
          subject: `Quyết định số ${index + 1}`,
          signerName: 'Nguyễn Văn An',
        });
        ids.push(draft.id);
        process.stderr.write(`drafted ${index + 1} / ${docs}\r`);
      }
      const files = await Promise.all(
        ids.map(async (id) => core.blobs.pathOf((await call(core, 'documents.get', { id })).attachments[0]!.sha256)),
      );
      const averageSize = files.reduce((sum, file) => sum + fs.statSync(file).size, 0) / files.length;

      const floor = measureFloor(tokens.module, tokens.tokens.personal.pin, files);

      const { certificates } = await call(core, 'tokens.certificates', { modules: [tokens.module], all: false });
      const chairman = certificates.find(
        (entry) => entry.tokenLabel === tokens.tokens.personal.label && entry.keyId === '01',
      )!;
      // Warm up once (driver load, font parse, pdfjs import) on a separate document, as a running app would have.
      const warm = path.join(dir, 'warm.pdf');
      fs.writeFileSync(warm, await decisionOfSize(-1, sizeBytes));
      const warmDraft = await call(core, 'outgoing.draft', {
        file: { path: warm },
        type: 'QD',
        subject: 'Khởi động',
        signerName: 'Nguyễn Văn An',
      });
      await call(core, 'sign.documents', {
        ids: [warmDraft.id],
        certId: chairman.id,
        as: 'personal',
        pin: tokens.tokens.personal.pin,
        modules: [tokens.module],
      });

      const started = performance.now();
      const result = await call(core, 'sign.documents', {
        ids,
        certId: chairman.id,
        as: 'personal',
        pin: tokens.tokens.personal.pin,
        modules: [tokens.module],
      });
      const elapsed = performance.now() - started;
      if (result.stoppedAt || result.signed.length !== docs)
        throw new Error(`batch stopped: ${JSON.stringify(result.stoppedAt)}`);
      const perDocumentMs = elapsed / docs;
      return {
        bench: 'sign',
        documents: docs,
        averageFileBytes: Math.round(averageSize),
        level: result.signed[0]!.level,
        documentsPerSecond: round(1000 / perDocumentMs),
        perDocumentMs: round(perDocumentMs),
        floorPerDocumentMs: round(floor.total),
        floorParts: { readMs: round(floor.read), sha256Ms: round(floor.hash), rawSignMs: round(floor.sign) },
        ratioToFloor: round(perDocumentMs / floor.total),
        target: 'ratioToFloor <= 5',
      };
    } finally {
      core.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-page decision with the signer's block and a scanned-looking image that brings it to `size` bytes. */
async function decisionOfSize(index: number, size: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fs.readFileSync(FONT), { subset: true });
  const page = doc.addPage([595.28, 841.89]);
  const lines = ['ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ', `QUYẾT ĐỊNH số ${index + 1}`, 'Về việc phê duyệt kế hoạch năm 2026'];
  lines.forEach((line, row) => page.drawText(line, { x: 72, y: 780 - row * 20, size: 13, font }));
  page.drawText('CHỦ TỊCH', { x: 380, y: 300, size: 13, font });
  page.drawText('Nguyễn Văn An', { x: 370, y: 200, size: 13, font });
  // Incompressible bytes stand in for the scan: a 1-MB PDF is mostly one image stream.
  const filler = doc.context.stream(randomBytes(Math.max(0, size - 40_000)), {});
  doc.context.register(filler);
  return doc.save({ useObjectStreams: false });
}

/** The unavoidable work per document: read it, hash it, one C_Sign on the token (in-process, no IPC). */
function measureFloor(
  modulePath: string,
  pin: string,
  files: string[],
): { read: number; hash: number; sign: number; total: number } {
  const p11 = new pkcs11js.PKCS11();
  p11.load(modulePath);
  p11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  try {
    const slot = p11
      .C_GetSlotList(true)
      .find((handle) => p11.C_GetTokenInfo(handle).label.trim() === 'vanthu-personal')!;
    const session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    p11.C_Login(session, pkcs11js.CKU_USER, pin);
    p11.C_FindObjectsInit(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from('01', 'hex') },
    ]);
    const [key] = p11.C_FindObjects(session, 1);
    p11.C_FindObjectsFinal(session);
    const prefix = Buffer.from('3031300d060960864801650304020105000420', 'hex');
    let read = 0;
    let hash = 0;
    let sign = 0;
    for (const file of files) {
      let at = performance.now();
      const bytes = fs.readFileSync(file);
      read += performance.now() - at;
      at = performance.now();
      const digest = createHash('sha256').update(bytes).digest();
      hash += performance.now() - at;
      at = performance.now();
      p11.C_SignInit(session, { mechanism: pkcs11js.CKM_RSA_PKCS }, key!);
      p11.C_Sign(session, Buffer.concat([prefix, digest]), Buffer.alloc(512));
      sign += performance.now() - at;
    }
    p11.C_Logout(session);
    p11.C_CloseSession(session);
    const count = files.length;
    return { read: read / count, hash: hash / count, sign: sign / count, total: (read + hash + sign) / count };
  } finally {
    p11.C_Finalize();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
