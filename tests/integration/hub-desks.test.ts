// The desks of one commune on the hub: officials the admin adds, a desktop
// enrolled for each, who sees which document and its files, forged events
// refused whole, new versions that send only their appended bytes, and the
// handling statuses the hub sends back to the sender. Runs on PGlite and on
// PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { HandlingEventKind } from '../../shared/handling-words.ts';
import {
  changesReply,
  enrollCodeReply,
  enrollReply,
  pullReply,
  uploadState,
  type change,
  type deskAttachment,
  type deskDocument,
  type DeskEvent,
  type FeedItem,
  type PersonRecord,
} from '../../shared/sync-protocol.ts';
import {
  chunkHeaders,
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

type ChangeInput = z.input<typeof change>;
type DeskDocumentInput = z.input<typeof deskDocument>;
type DeskAttachmentInput = z.input<typeof deskAttachment>;

const sender = { code: '000.01.31.H56', name: 'UBND xã An Hòa' };
const commune = { code: '000.02.31.H56', name: 'UBND xã Bình Minh' };
const other = { code: '000.03.31.H56', name: 'UBND xã Cẩm Vân' };
const OFFICE = 'Văn phòng HĐND và UBND';
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * An HLC `ms` after the hour from now, on clock node `node`: later than the
 * hub's own clock on the officials the admin adds, as a desk's clock is once
 * it has heard from the hub.
 */
const HLC_BASE = Date.now() + 3_600_000;
const hlcAt = (ms: number, node = 1) =>
  `${new Date(HLC_BASE + ms).toISOString()}-0000-${node.toString(16).padStart(16, '0')}`;
let tick = 0;
const nextHlc = () => hlcAt(++tick * 1000);
const nextAt = () => new Date(Date.UTC(2026, 4, 4, 2, 0, 0) + ++tick * 1000).toISOString();

function deskDoc(overrides: Partial<DeskDocumentInput> = {}): DeskDocumentInput {
  return {
    id: randomUUID(),
    direction: 'incoming',
    state: 'registered',
    docType: 'CV',
    subject: 'Về việc rà soát hộ nghèo năm 2026',
    notation: '45/UBND-VP',
    number: 45,
    issuedOn: '2026-05-02',
    issuerName: 'UBND huyện Đông Sơn',
    issuerCode: null,
    registerId: 'den-2026',
    registerYear: 2026,
    registerNumber: 12,
    arrivedOn: '2026-05-04',
    urgency: 'thuong',
    secrecy: 'thuong',
    dueOn: '2026-05-15',
    completedOn: null,
    recipientUnit: null,
    handedOn: null,
    handedReceipt: null,
    signerName: 'Lê Văn Hùng',
    signerTitle: 'Chủ tịch',
    draftingUnit: null,
    archiveUnit: null,
    copies: null,
    pageCount: 2,
    notes: null,
    duplicateOf: null,
    createdOn: '2026-05-04',
    createdAt: '2026-05-04T02:00:00.000Z',
    updatedAt: '2026-05-04T02:00:00.000Z',
    recipients: [],
    hubSender: null,
    ...overrides,
  };
}

const deskFile = (
  sha256: string,
  size: number,
  base: { sha256: string; size: number } | null = null,
): DeskAttachmentInput => ({
  id: randomUUID(),
  sha256,
  size,
  filename: 'cong-van.pdf',
  role: 'main',
  position: 0,
  mime: 'application/pdf',
  base,
});

const putDocument = (
  document: DeskDocumentInput,
  attachments: DeskAttachmentInput[],
  hlc = nextHlc(),
): ChangeInput => ({ id: randomUUID(), hlc, op: 'desk.document', document, attachments });

function deskEvent(
  documentId: string,
  kind: HandlingEventKind,
  personId: string,
  detail: DeskEvent['detail'] = {},
): Extract<ChangeInput, { op: 'desk.event' }> {
  const hlc = nextHlc();
  const id = randomUUID();
  return {
    id,
    hlc,
    op: 'desk.event',
    event: { id, documentId, kind, personId, at: nextAt(), hlc, detail },
  };
}

const putPerson = (person: PersonRecord, hlc = nextHlc()): ChangeInput => ({
  id: randomUUID(),
  hlc,
  op: 'person.put',
  person,
});

/** The kinds and document ids of feed items, in order: what a desk learned. */
const aboutDocument = (items: FeedItem[], documentId: string) =>
  items.flatMap((item) => {
    if (item.kind === 'desk.document' && item.document.id === documentId) return ['desk.document'];
    if (item.kind === 'desk.event' && item.event.documentId === documentId) return [`event ${item.event.kind}`];
    if (item.kind === 'document' && item.document.id === documentId) return ['document'];
    if (item.kind === 'status' && item.documentId === documentId) return [`status ${item.statusCode}`];
    return [];
  });

describe.each(hubBackends())('hub desks ($name)', (backend) => {
  let hub: Hub;
  let dataDir: string;
  /** The officials of the commune, by role in these tests. */
  const people: Record<'clerk' | 'leader' | 'officer' | 'officer2' | 'deputy', PersonRecord> = {} as never;
  /** office: the commune's shared PC (agency-wide, holds the registers); the rest are desks of one official. */
  const desks: Record<'office' | 'clerk' | 'leader' | 'officer' | 'officer2' | 'sender', EnrolledDevice> = {} as never;
  const cursors = new Map<EnrolledDevice, number>();

  const enrollFor = async (agency: string, personId: string | null, deviceName: string) => {
    const { code } = await hub.adminCommand('enroll', { agency, person: personId });
    const reply = await hubRequest(hub.url, { path: '/v1/enroll', json: { code, deviceName } });
    expect(reply.status).toBe(200);
    const enrolled = replyJson(reply, enrollReply);
    return {
      device: {
        deviceId: enrolled.deviceId,
        credential: enrolled.credential,
        agency,
        holdsRegister: enrolled.holdsRegister,
      },
      person: enrolled.person ?? null,
    };
  };
  const addPerson = async (
    agency: string,
    name: string,
    role: PersonRecord['role'],
    title: string,
    unit: string | null,
  ): Promise<PersonRecord> => {
    const { agency: _agency, ...person } = await hub.adminCommand('person-add', { agency, name, title, unit, role });
    return person;
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-hub-desks-'));
    hub = await startHub({ dataDir, ...(await backend.database()) });
    for (const agency of [sender, commune, other])
      await hub.adminCommand('agency-add', { ...agency, parentCode: null });
    desks.sender = (await enrollFor(sender.code, null, 'may-van-thu-an-hoa')).device;
    desks.office = (await enrollFor(commune.code, null, 'may-van-phong')).device;
    people.clerk = await addPerson(commune.code, 'Trần Thị Cúc', 'clerk', 'Văn thư', OFFICE);
    people.leader = await addPerson(commune.code, 'Nguyễn Văn Lâm', 'leader', 'Chủ tịch UBND', null);
    people.deputy = await addPerson(commune.code, 'Phạm Thị Dung', 'leader', 'Phó Chủ tịch UBND', null);
    people.officer = await addPerson(commune.code, 'Nguyễn Văn B', 'officer', 'Công chức Văn phòng - Thống kê', OFFICE);
    people.officer2 = await addPerson(commune.code, 'Lê Thị Hoa', 'officer', 'Công chức Địa chính', 'Địa chính');
    for (const key of ['clerk', 'leader', 'officer'] as const) {
      desks[key] = (await enrollFor(commune.code, people[key].id, `may-${key}`)).device;
    }
  });
  afterAll(async () => {
    await hub?.stop();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const pushReply = (device: EnrolledDevice, changes: ChangeInput[]) =>
    hubRequest(hub.url, {
      path: `/v1/agencies/${device.agency}/changes`,
      credential: device.credential,
      json: { changes },
      gzip: true,
    });
  const push = async (device: EnrolledDevice, changes: ChangeInput[]) => {
    const reply = await pushReply(device, changes);
    expect(reply.status).toBe(200);
    return replyJson(reply, changesReply).results.map((r) => (r.code ? `${r.status} ${r.code}` : r.status));
  };
  /** Everything new in the device's feed since it last pulled, and the last page's deskSync. */
  const pullNew = async (device: EnrolledDevice, budget = 1024 * 1024) => {
    const items: FeedItem[] = [];
    let cursor = cursors.get(device) ?? 0;
    for (;;) {
      const reply = await hubRequest(hub.url, {
        path: `/v1/agencies/${device.agency}/pull`,
        credential: device.credential,
        json: { cursor, budget },
      });
      expect(reply.status).toBe(200);
      const page = replyJson(reply, pullReply);
      items.push(...page.items);
      cursor = page.cursor;
      if (!page.more) {
        cursors.set(device, cursor);
        return { items, cursor, deskSync: page.deskSync };
      }
    }
  };
  const download = (device: EnrolledDevice, sha256: string) =>
    hubRequest(hub.url, { path: `/v1/agencies/${device.agency}/blobs/${sha256}`, credential: device.credential });
  const statusOf = async (device: EnrolledDevice, sha256: string) => (await download(device, sha256)).status;
  const refusedWrites = async () => hub.adminCommand('refused-list', { agency: commune.code });

  it('adds officials from the admin CLI, enrolls a desktop for one of them, and never gives a leader or an officer the registers', async () => {
    const added = hub.admin([
      'person',
      'add',
      other.code,
      'Đỗ Văn Tư',
      '--title',
      'Công chức Tư pháp - Hộ tịch',
      '--unit',
      'Tư pháp - Hộ tịch',
      '--role',
      'officer',
      '--json',
    ]);
    expect(added.status).toBe(0);
    const officerId = (added.json as { id: string }).id;
    expect(officerId).toMatch(UUID_V7);
    const listed = hub.admin(['person', 'list', other.code, '--json']);
    expect(listed.json).toEqual([
      {
        id: officerId,
        agency: other.code,
        name: 'Đỗ Văn Tư',
        title: 'Công chức Tư pháp - Hộ tịch',
        unit: 'Tư pháp - Hộ tịch',
        role: 'officer',
        active: true,
      },
    ]);

    const enrolled = hub.admin(['enroll', other.code, '--person', officerId, '--json']);
    expect(enrolled.status).toBe(0);
    const { code } = enrolled.json as { code: string };
    const reply = await hubRequest(hub.url, { path: '/v1/enroll', json: { code, deviceName: 'may-tu-phap' } });
    // The agency's first desktop, but an officer's: the registers wait for the clerk's.
    expect(replyJson(reply, enrollReply)).toMatchObject({
      holdsRegister: false,
      person: {
        id: officerId,
        name: 'Đỗ Văn Tư',
        title: 'Công chức Tư pháp - Hộ tịch',
        unit: 'Tư pháp - Hộ tịch',
        role: 'officer',
        active: true,
      },
    });
    const officerDesk = { ...replyJson(reply, enrollReply), agency: other.code };
    const clerk = await addPerson(other.code, 'Hà Thị Mai', 'clerk', 'Văn thư', 'Văn phòng');
    const leader = await addPerson(other.code, 'Vũ Văn Nam', 'leader', 'Chủ tịch UBND', null);
    expect((await enrollFor(other.code, leader.id, 'may-chu-tich')).device.holdsRegister).toBe(false);
    const clerkDesk = await enrollFor(other.code, clerk.id, 'may-van-thu');
    expect([clerkDesk.device.holdsRegister, clerkDesk.person?.id]).toEqual([true, clerk.id]);
    const shared = await enrollFor(other.code, null, 'may-chung');
    expect([shared.device.holdsRegister, shared.person]).toEqual([false, null]);

    // Unknown officials, and officials of another agency, are refused by name.
    for (const personId of [randomUUID(), people.officer.id]) {
      const refused = hub.admin(['enroll', other.code, '--person', personId, '--json']);
      expect(refused.status).toBe(1);
      expect(refused.json).toMatchObject({ error: { code: 'PERSON_UNKNOWN' } });
    }

    // Every desk hears of every official, stamped by the hub's clock; and now shares its desk changes.
    const seen = await pullNew(officerDesk);
    expect(seen.deskSync).toBe(true);
    expect(seen.items.filter((item) => item.kind === 'person').map((item) => [item.person.name, item.hlc])).toEqual([
      ['Đỗ Văn Tư', matching.stringMatching(/-0000-0000000000000000$/)],
      ['Hà Thị Mai', matching.stringMatching(/-0000-0000000000000000$/)],
      ['Vũ Văn Nam', matching.stringMatching(/-0000-0000000000000000$/)],
    ]);
    expect((await pullNew(desks.sender)).deskSync).toBe(false);
  });

  it("makes enrollment codes from the clerk's desk only", async () => {
    const ask = (device: EnrolledDevice, personId: string) =>
      hubRequest(hub.url, {
        path: `/v1/agencies/${commune.code}/enroll-codes`,
        credential: device.credential,
        json: { personId },
      });
    const made = await ask(desks.clerk, people.officer2.id);
    expect(made.status).toBe(200);
    const { code, expiresAt } = replyJson(made, enrollCodeReply);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const reply = await hubRequest(hub.url, { path: '/v1/enroll', json: { code, deviceName: 'may-dia-chinh' } });
    const enrolled = replyJson(reply, enrollReply);
    expect([enrolled.holdsRegister, enrolled.person?.id]).toEqual([false, people.officer2.id]);
    desks.officer2 = { ...enrolled, agency: commune.code };

    for (const [device, personId, status, errorCode] of [
      [desks.officer, people.officer2.id, 403, 'FORBIDDEN'],
      [desks.leader, people.officer.id, 403, 'FORBIDDEN'],
      [desks.clerk, randomUUID(), 404, 'NOT_FOUND'],
      [desks.office, people.leader.id, 200, undefined],
    ] as const) {
      const refused = await ask(device, personId);
      expect([refused.status, hubError(refused)?.error.code]).toEqual([status, errorCode]);
    }
  });

  it("keeps the newest record of an official, and takes one only from the clerk's desk or the office PC", async () => {
    for (const device of Object.values(desks)) await pullNew(device);
    const titled = (title: string): PersonRecord => ({ ...people.officer2, title });
    expect(
      await push(desks.clerk, [putPerson(titled('Công chức Địa chính - Xây dựng'), hlcAt(50_000_000, 2))]),
    ).toEqual(['applied']);
    // Stamped earlier, sent later: stored as applied, but the newer record stays.
    expect(await push(desks.office, [putPerson(titled('Công chức Địa chính (cũ)'), hlcAt(40_000_000, 3))])).toEqual([
      'applied',
    ]);
    const titles = async (device: EnrolledDevice) =>
      (await pullNew(device)).items.flatMap((item) => (item.kind === 'person' ? [item.person.title] : []));
    expect(await titles(desks.officer)).toEqual(['Công chức Địa chính - Xây dựng']);
    expect(await titles(desks.clerk)).toEqual([]);

    // The same clock on two devices: the greater device id wins, the same way everywhere.
    const tie = hlcAt(60_000_000, 4);
    await push(desks.clerk, [putPerson(titled('Chức danh của máy văn thư'), tie)]);
    await push(desks.office, [putPerson(titled('Chức danh của máy văn phòng'), tie)]);
    const winner =
      desks.clerk.deviceId > desks.office.deviceId ? 'Chức danh của máy văn thư' : 'Chức danh của máy văn phòng';
    expect((await titles(desks.leader)).at(-1)).toBe(winner);
    const listed = await hub.adminCommand('person-list', { agency: commune.code });
    expect(listed.find((p) => p.id === people.officer2.id)?.title).toBe(winner);

    // An officer's desk keeps no one's record, not even its own official's.
    const own = putPerson({ ...people.officer, title: 'Trưởng phòng' });
    expect(await push(desks.officer, [own])).toEqual(['rejected FORBIDDEN']);
    expect(await refusedWrites()).toContainEqual(
      matching.objectContaining({ changeId: own.id, device: desks.officer.deviceId, claimedPerson: people.officer.id }),
    );
    expect(await titles(desks.leader)).toEqual([]);
  });

  it('shows a document to its parties, to clerks and leaders unless it is secret, and catches up an official it names later', async () => {
    for (const device of Object.values(desks)) await pullNew(device);
    const pdf = randomBytes(20_000);
    const sha256 = await uploadWhole(hub, desks.clerk, pdf);
    const doc = deskDoc();
    expect(await push(desks.clerk, [putDocument(doc, [deskFile(sha256, pdf.length)])])).toEqual(['applied']);

    expect(aboutDocument((await pullNew(desks.officer)).items, doc.id)).toEqual([]);
    expect(await statusOf(desks.officer, sha256)).toBe(403);
    expect(aboutDocument((await pullNew(desks.leader)).items, doc.id)).toEqual(['desk.document']);
    expect(await statusOf(desks.leader, sha256)).toBe(200);
    expect(aboutDocument((await pullNew(desks.office)).items, doc.id)).toEqual(['desk.document']);

    const submitted = deskEvent(doc.id, 'submitted', people.clerk.id, { to: people.leader.id, note: null });
    expect(await push(desks.clerk, [submitted])).toEqual(['applied']);
    const assigned = deskEvent(doc.id, 'assigned', people.leader.id, {
      main: people.officer.id,
      with: [people.officer2.id],
      inform: [],
      dueOn: '2026-05-12',
    });
    expect(await push(desks.leader, [assigned])).toEqual(['applied']);

    // Named only now: the document and what happened to it so far, then the assignment.
    for (const key of ['officer', 'officer2'] as const) {
      const items = (await pullNew(desks[key])).items;
      expect(aboutDocument(items, doc.id)).toEqual(['desk.document', 'event submitted', 'event assigned']);
      expect(items.find((item) => item.kind === 'desk.document')).toMatchObject({
        document: { id: doc.id, subject: doc.subject },
        attachments: [{ sha256 }],
      });
      const blob = await download(desks[key], sha256);
      expect([blob.status, blob.body.equals(pdf)]).toEqual([200, true]);
    }
    expect(aboutDocument((await pullNew(desks.office)).items, doc.id)).toEqual(['event submitted', 'event assigned']);

    // Secret (mật): only the officials it names and the office PC.
    const deputy = (await enrollFor(commune.code, people.deputy.id, 'may-pho-chu-tich')).device;
    const secretPdf = randomBytes(8_000);
    const secretSha = await uploadWhole(hub, desks.clerk, secretPdf);
    const secret = deskDoc({ secrecy: 'mat', subject: 'Về công tác bảo đảm an ninh' });
    expect(await push(desks.clerk, [putDocument(secret, [deskFile(secretSha, secretPdf.length)])])).toEqual([
      'applied',
    ]);
    expect(aboutDocument((await pullNew(desks.leader)).items, secret.id)).toEqual([]);
    expect(await statusOf(desks.leader, secretSha)).toBe(403);
    expect(aboutDocument((await pullNew(desks.office)).items, secret.id)).toEqual(['desk.document']);
    expect(
      await push(desks.clerk, [deskEvent(secret.id, 'submitted', people.clerk.id, { to: people.leader.id })]),
    ).toEqual(['applied']);
    expect(aboutDocument((await pullNew(desks.leader)).items, secret.id)).toEqual(['desk.document', 'event submitted']);
    expect(await statusOf(desks.leader, secretSha)).toBe(200);
    for (const device of [desks.officer, desks.officer2, deputy]) {
      expect(aboutDocument((await pullNew(device)).items, secret.id)).toEqual([]);
      expect(await statusOf(device, secretSha)).toBe(403);
    }
    // A desk that may not see it cannot overwrite it or act on it either.
    const overwrite = putDocument({ ...secret, subject: 'Sửa trái phép' }, [deskFile(secretSha, secretPdf.length)]);
    const received = deskEvent(secret.id, 'received', people.officer.id);
    expect(await push(desks.officer, [overwrite, received])).toEqual(['rejected FORBIDDEN', 'rejected FORBIDDEN']);
    expect(aboutDocument((await pullNew(desks.office)).items, secret.id)).toEqual(['event submitted']);

    // No longer secret: the clerks and leaders it did not name see it, with its events so far.
    const declassified = { ...secret, secrecy: 'thuong' as const };
    expect(await push(desks.clerk, [putDocument(declassified, [deskFile(secretSha, secretPdf.length)])])).toEqual([
      'applied',
    ]);
    expect(await statusOf(desks.officer, secretSha)).toBe(403);
    expect(aboutDocument((await pullNew(desks.officer)).items, secret.id)).toEqual([]);
    expect(aboutDocument((await pullNew(deputy)).items, secret.id)).toEqual(['desk.document', 'event submitted']);
  });

  it('refuses a whole batch in which a desk writes in the name of another official, and records it', async () => {
    const doc = deskDoc({ subject: 'Về việc cấp giấy chứng nhận quyền sử dụng đất' });
    expect(
      await push(desks.office, [
        putDocument(doc, []),
        deskEvent(doc.id, 'assigned', people.leader.id, { main: people.officer.id, with: [], inform: [] }),
      ]),
    ).toEqual(['applied', 'applied']);
    for (const device of Object.values(desks)) await pullNew(device);

    const honest = deskEvent(doc.id, 'received', people.officer.id);
    const forged = deskEvent(doc.id, 'completed', people.leader.id, { note: 'Đã xong' });
    const refused = await pushReply(desks.officer, [honest, forged]);
    expect([refused.status, hubError(refused)?.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(await refusedWrites()).toContainEqual(
      matching.objectContaining({
        agency: commune.code,
        device: desks.officer.deviceId,
        devicePerson: people.officer.id,
        claimedPerson: people.leader.id,
        changeId: forged.id,
        reason: matching.stringContaining('another official'),
      }),
    );
    expect((await refusedWrites()).some((w) => w.changeId === honest.id)).toBe(false);
    // Nothing of the batch was applied: the honest event is new to the hub.
    expect(aboutDocument((await pullNew(desks.office)).items, doc.id)).toEqual([]);
    expect(await push(desks.officer, [honest])).toEqual(['applied']);

    // A document of another agency is no desk's business here.
    const theirs = deskDoc({ direction: 'outgoing', state: 'issued' });
    expect(await push(desks.sender, [putDocument(theirs, [])])).toEqual(['applied']);
    const foreign = await pushReply(desks.officer, [deskEvent(theirs.id, 'received', people.officer.id)]);
    expect([foreign.status, hubError(foreign)?.error.code]).toEqual([403, 'FORBIDDEN']);

    // The office PC records for any official of the commune, and only for them.
    expect(
      await push(desks.office, [
        deskEvent(doc.id, 'in-progress', people.officer.id),
        deskEvent(doc.id, 'directed', randomUUID(), { note: 'Khẩn trương' }),
        deskEvent(randomUUID(), 'received', people.officer.id),
      ]),
    ).toEqual(['applied', 'rejected PERSON_UNKNOWN', 'retry DOCUMENT_MISSING']);
  });

  it('starts a new version from the bytes of its base, so only the appended bytes travel, and checks the whole file', async () => {
    const base = randomBytes(100_000);
    const baseSha = await uploadWhole(hub, desks.clerk, base);
    const appended = randomBytes(20_000);
    const signed = Buffer.concat([base, appended]);
    const signedSha = sha256Hex(signed);
    const uploadPath = (sha: string) => `/v1/agencies/${commune.code}/uploads/${sha}`;
    const startFrom = (sha: string, json: unknown) =>
      hubRequest(hub.url, { path: `${uploadPath(sha)}/base`, credential: desks.clerk.credential, json });
    const patch = (sha: string, offset: number, total: number, chunk: Buffer) =>
      hubRequest(hub.url, {
        method: 'PATCH',
        path: uploadPath(sha),
        credential: desks.clerk.credential,
        body: chunk,
        headers: chunkHeaders(offset, total, chunk),
      });

    const started = await startFrom(signedSha, { base: baseSha, length: signed.length });
    expect([started.status, replyJson(started, uploadState)]).toEqual([
      200,
      { offset: base.length, complete: false, hubTime: matching.any(String) },
    ]);
    // Asked again (the reply was lost): the upload is left as it stands.
    expect((await startFrom(signedSha, { base: baseSha, length: signed.length })).json).toMatchObject({
      offset: base.length,
    });
    const done = await patch(signedSha, base.length, signed.length, appended);
    expect([done.status, done.json]).toMatchObject([200, { offset: signed.length, complete: true }]);
    const fetched = await download(desks.clerk, signedSha);
    expect([fetched.status, fetched.body.equals(signed)]).toEqual([200, true]);

    // Appended bytes that do not make the announced file are discarded with the base.
    const forged = Buffer.concat([base, randomBytes(5_000)]);
    const forgedSha = sha256Hex(forged);
    await startFrom(forgedSha, { base: baseSha, length: forged.length });
    const wrong = await patch(forgedSha, base.length, forged.length, randomBytes(5_000));
    expect([wrong.status, hubError(wrong)?.error.code]).toEqual([422, 'BLOB_HASH_MISMATCH']);
    expect(
      replyJson(
        await hubRequest(hub.url, { path: uploadPath(forgedSha), credential: desks.clerk.credential }),
        uploadState,
      ),
    ).toMatchObject({ offset: 0, complete: false });

    // A base the commune does not hold, a version no longer than its base, an upload already begun.
    const unknownBase = await startFrom(forgedSha, { base: sha256Hex(randomBytes(8)), length: 200_000 });
    expect([unknownBase.status, hubError(unknownBase)?.error.code]).toEqual([404, 'NOT_FOUND']);
    const tooShort = await startFrom(forgedSha, { base: baseSha, length: base.length });
    expect([tooShort.status, hubError(tooShort)?.error.code]).toEqual([400, 'BAD_REQUEST']);
    await patch(forgedSha, 0, forged.length, forged.subarray(0, 1_000));
    expect((await startFrom(forgedSha, { base: baseSha, length: forged.length })).json).toMatchObject({
      offset: 1_000,
      complete: false,
    });

    // The document names the new version and its base; a leader may read both, a base never uploaded is waited for.
    const doc = deskDoc({ direction: 'outgoing', state: 'draft', subject: 'Tờ trình xin chủ trương' });
    expect(
      await push(desks.clerk, [
        putDocument(doc, [deskFile(signedSha, signed.length, { sha256: sha256Hex(randomBytes(9)), size: 9 })]),
      ]),
    ).toEqual(['retry BLOB_MISSING']);
    expect(
      await push(desks.clerk, [
        putDocument(doc, [deskFile(signedSha, signed.length, { sha256: baseSha, size: base.length })]),
      ]),
    ).toEqual(['applied']);
    expect([await statusOf(desks.leader, signedSha), await statusOf(desks.leader, baseSha)]).toEqual([200, 200]);
    expect(await statusOf(desks.officer, baseSha)).toBe(403);
  });

  it("sends the sender its handling statuses 04, 05 and 06 with the handler, once each, and delivers documents to the register holder's PC only", async () => {
    for (const device of Object.values(desks)) await pullNew(device);
    const pdf = randomBytes(12_000);
    const sha256 = await uploadWhole(hub, desks.sender, pdf);
    const envelope = {
      id: randomUUID(),
      docType: 'CV',
      subject: 'Về việc báo cáo tình hình thu ngân sách',
      notation: '88/UBND-TC',
      number: 88,
      issuedOn: '2026-05-04',
      issuerName: sender.name,
      urgency: 'khan' as const,
      secrecy: 'thuong' as const,
      dueOn: '2026-05-20',
      signerName: 'Hoàng Văn Phúc',
      signerTitle: 'Chủ tịch',
      pageCount: 1,
    };
    const attachment = {
      sha256,
      size: pdf.length,
      filename: 'cv-88.pdf',
      role: 'main' as const,
      position: 0,
      mime: 'application/pdf',
    };
    expect(
      await push(desks.sender, [
        {
          id: randomUUID(),
          hlc: nextHlc(),
          op: 'document.issue',
          document: envelope,
          attachments: [attachment],
          recipients: [commune.code],
        },
      ]),
    ).toEqual(['applied']);
    // The office PC registers it; the desks hear of it from the register, not from the sender.
    expect(aboutDocument((await pullNew(desks.office)).items, envelope.id)).toEqual(['document']);
    for (const key of ['clerk', 'leader', 'officer'] as const) {
      const before = cursors.get(desks[key])!;
      const page = await pullNew(desks[key]);
      expect(aboutDocument(page.items, envelope.id)).toEqual([]);
      expect(page.cursor).toBeGreaterThan(before);
    }
    expect(await statusOf(desks.clerk, sha256)).toBe(403);
    expect(await statusOf(desks.office, sha256)).toBe(200);

    // Registered and shared as a desk document, naming the file it was delivered with.
    const registered = deskDoc({
      id: envelope.id,
      subject: envelope.subject,
      notation: envelope.notation,
      number: envelope.number,
      issuerName: sender.name,
      issuerCode: sender.code,
      hubSender: sender.code,
    });
    expect(await push(desks.office, [putDocument(registered, [deskFile(sha256, pdf.length)])])).toEqual(['applied']);
    expect(
      await push(desks.office, [deskEvent(envelope.id, 'submitted', people.clerk.id, { to: people.leader.id })]),
    ).toEqual(['applied']);
    const assigned = deskEvent(envelope.id, 'assigned', people.leader.id, {
      main: people.officer.id,
      with: [],
      inform: [people.officer2.id],
      dueOn: '2026-05-18',
    });
    expect(await push(desks.leader, [assigned])).toEqual(['applied']);
    const received = deskEvent(envelope.id, 'received', people.officer.id);
    const progress = deskEvent(envelope.id, 'in-progress', people.officer.id);
    const completed = deskEvent(envelope.id, 'completed', people.officer.id, { note: 'Đã gửi báo cáo' });
    expect(await push(desks.officer, [received, progress, completed])).toEqual(['applied', 'applied', 'applied']);
    // Assigned again: 04 was sent already.
    expect(
      await push(desks.leader, [
        deskEvent(envelope.id, 'assigned', people.leader.id, { main: people.officer2.id, with: [], inform: [] }),
      ]),
    ).toEqual(['applied']);

    const statuses = (await pullNew(desks.sender)).items.filter(
      (item) => item.kind === 'status' && item.documentId === envelope.id,
    );
    const officer = { name: people.officer.name, title: people.officer.title, unit: OFFICE };
    expect(statuses).toEqual([
      {
        seq: matching.any(Number),
        kind: 'status',
        documentId: envelope.id,
        from: commune,
        statusCode: '04',
        description: `Đã phân công xử lý: Nguyễn Văn B – ${OFFICE}`,
        at: assigned.event.at,
        staff: officer,
      },
      {
        seq: matching.any(Number),
        kind: 'status',
        documentId: envelope.id,
        from: commune,
        statusCode: '05',
        description: `Đang xử lý: Nguyễn Văn B – ${OFFICE}`,
        at: received.event.at,
        staff: officer,
      },
      {
        seq: matching.any(Number),
        kind: 'status',
        documentId: envelope.id,
        from: commune,
        statusCode: '06',
        description: `Hoàn thành: Nguyễn Văn B – ${OFFICE}`,
        at: completed.event.at,
        staff: officer,
      },
    ]);
    // The officer's desk may now read the delivered file: it is a party of the document that names it.
    expect(await statusOf(desks.officer, sha256)).toBe(200);
  });
});
