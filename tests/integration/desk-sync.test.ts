// One agency's desks on real stores, without the hub: what a desk queues for
// the others (one entry per document written, a signed file named by the
// version it extends), and what it does with what the others sent (kept once,
// register numbers as sent, nothing sent back). The hub between them is
// played by turning one desk's messages into the other's feed items.
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonView } from '../../shared/handling.ts';
import { feedItem, type Change, type FeedItem } from '../../shared/sync-protocol.ts';
import { scanSizedPdf } from '../../scripts/lib/make-pdf.ts';
import {
  getBlobFacts,
  insertDerivedBlobRecord,
  listAttachments,
  replaceAttachmentBlob,
} from '../../core/db/attachments.ts';
import { writeTransaction } from '../../core/db/connection.ts';
import { pendingChanges, saveDevice, setChangePayload, setDeskSync } from '../../core/db/sync.ts';
import { sha256Of } from '../../core/documents/blob-store.ts';
import { queueDeskDocuments } from '../../core/sync/desk-outbox.ts';
import { loadOutbox } from '../../core/sync/outbox.ts';
import type { PdfFacts } from '../../core/sync/receive.ts';
import { receiveDeskDocument, receiveDeskEvent, receivePerson } from '../../core/sync/receive-desk.ts';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';

const AGENCY = '000.00.31.H56';
let devices = 0;

/** A desk of the test agency, enrolled with a hub that is never called. */
async function desk(options: { deskSync: boolean; personId?: string }): Promise<TestOffice> {
  const office = await openTestOffice();
  const deviceId = `01900000-0000-4000-8000-${String(++devices).padStart(12, '0')}`;
  saveDevice(office.core.db, {
    hubUrl: 'http://127.0.0.1:9/',
    deviceId,
    credential: `${deviceId}.${'s'.repeat(40)}`,
    agencyCode: AGENCY,
    holdsRegister: options.personId === undefined,
    expiresAt: '2027-03-02T00:00:00.000Z',
    enrolledAt: '2026-03-02T02:00:00.000Z',
    clockOffsetMs: 0,
    personId: options.personId ?? null,
    deskSync: options.deskSync,
  });
  return office;
}

async function officials(
  office: TestOffice,
): Promise<{ clerk: PersonView; chairman: PersonView; officer: PersonView }> {
  const clerk = await office.call('people.add', { name: 'Lê Thị Văn', title: 'Văn thư', role: 'clerk' });
  const chairman = await office.call('people.add', {
    name: 'Nguyễn Văn An',
    title: 'Chủ tịch UBND xã',
    role: 'leader',
  });
  const officer = await office.call('people.add', {
    name: 'Trần Văn Bình',
    title: 'Công chức Văn phòng - Thống kê',
    unit: 'Văn phòng HĐND và UBND',
    role: 'officer',
  });
  return { clerk, chairman, officer };
}

let letters = 0;
async function registerLetter(office: TestOffice, subject: string) {
  const pdf = await scanSizedPdf(subject, 30_000);
  return office.call('incoming.register', {
    issuerName: 'UBND huyện Đông Sơn',
    notation: `${++letters}/UBND-VP`,
    issuedOn: '2026-02-20',
    type: 'CV',
    subject,
    file: { base64: pdf.toString('base64'), filename: 'cong-van.pdf' },
  });
}

/** What the desk would send now: its desk changes as the hub would hand them to another desk. */
function deskMessages(office: TestOffice): Change[] {
  queueDeskDocuments(office.core);
  return loadOutbox(office.core).items.map((item) => item.change);
}

let seq = 0;
function asFeed(change: Change): FeedItem {
  const item =
    change.op === 'person.put'
      ? { kind: 'person', person: change.person, hlc: change.hlc }
      : change.op === 'desk.document'
        ? { kind: 'desk.document', document: change.document, attachments: change.attachments, hlc: change.hlc }
        : change.op === 'desk.event'
          ? { kind: 'desk.event', event: change.event }
          : null;
  if (item === null) throw new Error(`${change.op} does not go to the other desks`);
  return feedItem.parse({ seq: ++seq, ...item });
}

/** Applies feed items as pull does: the files first (copied from the desk that has them), then one transaction. */
function deliver(from: TestOffice, to: TestOffice, items: FeedItem[]): { applied: number } {
  const facts = new Map<string, PdfFacts>();
  for (const item of items)
    if (item.kind === 'desk.document')
      for (const attachment of item.attachments) {
        to.core.blobs.put(from.core.blobs.read(attachment.sha256), attachment.sha256);
        facts.set(attachment.sha256, getBlobFacts(from.core.db, attachment.sha256)!);
      }
  let applied = 0;
  writeTransaction(to.core.db, () => {
    for (const item of items) {
      const done =
        item.kind === 'person'
          ? receivePerson(to.core, item)
          : item.kind === 'desk.document'
            ? receiveDeskDocument(to.core, item, facts)
            : item.kind === 'desk.event'
              ? receiveDeskEvent(to.core, item)
              : false;
      if (done) applied++;
    }
  });
  return { applied };
}

const count = (office: TestOffice, sql: string, ...params: unknown[]) =>
  (office.core.db.prepare(sql).get(...params) as { n: number }).n;

/** A new version that starts with the old bytes, as a signature added by incremental update makes it. */
function extendMainFile(office: TestOffice, documentId: string, appended: string, replacedBy: string): string {
  const main = listAttachments(office.core.db, documentId).find((a) => a.role === 'main')!;
  const bytes = Buffer.concat([office.core.blobs.read(main.sha256), Buffer.from(appended)]);
  const { sha256 } = office.core.blobs.put(bytes);
  const at = office.core.now().toISOString();
  writeTransaction(office.core.db, () => {
    insertDerivedBlobRecord(office.core.db, { sha256, size: bytes.length, from: main.sha256, createdAt: at });
    replaceAttachmentBlob(office.core.db, {
      attachmentId: main.id,
      oldSha256: main.sha256,
      newSha256: sha256,
      newSize: bytes.length,
      replacedAt: at,
      replacedBy,
    });
  });
  return sha256;
}

afterEach(() => {
  seq = 0;
});

describe("a desk's changes for the agency's other desks", () => {
  it('wait unsent while the agency has no desks (the officials list aside), then go as one entry per document written and its events', async () => {
    const clerkDesk = await desk({ deskSync: false });
    const people = await officials(clerkDesk);
    const letter = await registerLetter(clerkDesk, 'Về việc kiện toàn tổ hòa giải ở cơ sở');
    await clerkDesk.call('handling.submit', { id: letter.id, to: people.chairman.id });

    // An agency on one PC pays nothing for desks: no entry or event is sent, nothing is refused, nothing is lost.
    // The officials list goes at once: the hub needs it to make a code for an official's PC.
    expect(queueDeskDocuments(clerkDesk.core)).toBe(0);
    expect(loadOutbox(clerkDesk.core).items.map((item) => item.row.op)).toEqual([
      'person.put',
      'person.put',
      'person.put',
    ]);
    const waiting = pendingChanges(clerkDesk.core.db).map((row) => row.op);
    expect(waiting).toContain('desk.event');
    expect(waiting.filter((op) => op === 'person.put')).toHaveLength(3);

    setDeskSync(clerkDesk.core.db, true);
    const messages = deskMessages(clerkDesk);
    expect(messages.map((m) => m.op).sort()).toEqual([
      'desk.document',
      'desk.event',
      'person.put',
      'person.put',
      'person.put',
    ]);
    const entry = messages.find((m) => m.op === 'desk.document')!;
    expect(entry.op === 'desk.document' && entry.document).toMatchObject({
      id: letter.id,
      registerId: 'incoming',
      registerNumber: letter.registerNumber,
      notation: letter.notation,
      hubSender: null,
    });
    expect(entry.op === 'desk.document' && entry.attachments).toEqual([
      expect.objectContaining({ sha256: letter.attachments[0]!.sha256, role: 'main', base: null }),
    ]);
    expect(count(clerkDesk, 'SELECT COUNT(*) AS n FROM desk_dirty')).toBe(0);

    // An entry not sent yet reads the document when it goes: an edit adds no second one.
    await clerkDesk.call('documents.update', { id: letter.id, notes: 'Chuyển Văn phòng' });
    expect(queueDeskDocuments(clerkDesk.core)).toBe(0);
    // Once it has gone (its words fixed for replays), the next edit is a new entry with a later clock.
    const first = pendingChanges(clerkDesk.core.db).find((row) => row.op === 'desk.document')!;
    writeTransaction(clerkDesk.core.db, () => setChangePayload(clerkDesk.core.db, first.id, JSON.stringify(entry)));
    await clerkDesk.call('documents.update', { id: letter.id, notes: 'Chuyển Văn phòng tham mưu' });
    expect(queueDeskDocuments(clerkDesk.core)).toBe(1);
    const entries = pendingChanges(clerkDesk.core.db).filter((row) => row.op === 'desk.document');
    expect(entries).toHaveLength(2);
    expect(entries[1]!.hlc > entries[0]!.hlc).toBe(true);
  });

  it('names the version a signed file extends as its base, reading the files once, and a rewritten file none', async () => {
    const clerkDesk = await desk({ deskSync: true });
    await officials(clerkDesk);
    const letter = await registerLetter(clerkDesk, 'Về việc phối hợp rà soát hộ nghèo');
    const original = letter.attachments[0]!;
    const signed = extendMainFile(clerkDesk, letter.id, '\n% signature\n%%EOF\n', 'sig-1');

    const attachmentOf = (messages: Change[]) => {
      const entry = messages.find((m) => m.op === 'desk.document');
      if (entry?.op !== 'desk.document') throw new Error('no entry');
      return entry.attachments[0]!;
    };
    expect(attachmentOf(deskMessages(clerkDesk))).toMatchObject({
      sha256: signed,
      base: { sha256: original.sha256, size: original.size },
    });
    expect(
      clerkDesk.core.db.prepare('SELECT sha256, base_sha256 AS base, extends FROM desk_blob_extends').all(),
    ).toEqual([{ sha256: signed, base: original.sha256, extends: 1 }]);

    // A file written anew does not start with the old bytes: it travels whole.
    const main = listAttachments(clerkDesk.core.db, letter.id)[0]!;
    const rewritten = await scanSizedPdf('Bản viết lại', 40_000);
    const { sha256 } = clerkDesk.core.blobs.put(rewritten);
    writeTransaction(clerkDesk.core.db, () => {
      insertDerivedBlobRecord(clerkDesk.core.db, {
        sha256,
        size: rewritten.length,
        from: main.sha256,
        createdAt: main.createdAt,
      });
      replaceAttachmentBlob(clerkDesk.core.db, {
        attachmentId: main.id,
        oldSha256: main.sha256,
        newSha256: sha256,
        newSize: rewritten.length,
        replacedAt: main.createdAt,
        replacedBy: 'revision',
      });
    });
    expect(sha256Of(rewritten)).toBe(sha256);
    expect(attachmentOf(deskMessages(clerkDesk))).toMatchObject({ sha256, base: null });
  });
});

describe("what a desk does with the other desks' work", () => {
  it('keeps an entry, its files, officials and events once, with the register number as sent, and sends nothing back', async () => {
    const clerkDesk = await desk({ deskSync: true });
    const people = await officials(clerkDesk);
    await registerLetter(clerkDesk, 'Về việc tiêm chủng mở rộng');
    const letter = await registerLetter(clerkDesk, 'Về việc phòng chống bão số 3');
    expect(letter.registerNumber).toBe(2);
    await clerkDesk.call('handling.submit', { id: letter.id, to: people.chairman.id });
    await clerkDesk.call('session.switch', { person: people.chairman.id });
    await clerkDesk.call('handling.assign', { id: letter.id, main: people.officer.id, dueInWorkingDays: 5 });
    const all = deskMessages(clerkDesk).map(asFeed);
    const ofLetter = all.filter(
      (item) =>
        item.kind === 'person' ||
        (item.kind === 'desk.document' && item.document.id === letter.id) ||
        (item.kind === 'desk.event' && item.event.documentId === letter.id),
    );
    const events = ofLetter.filter((item) => item.kind === 'desk.event');
    const rest = ofLetter.filter((item) => item.kind !== 'desk.event');

    const officerDesk = await desk({ deskSync: true, personId: people.officer.id });
    // The events come before their document and before anyone they name is known here: kept, not lost.
    expect(deliver(clerkDesk, officerDesk, events).applied).toBe(0);
    expect(count(officerDesk, 'SELECT COUNT(*) AS n FROM desk_waiting_events')).toBe(2);
    expect(deliver(clerkDesk, officerDesk, rest).applied).toBe(4);
    expect(count(officerDesk, 'SELECT COUNT(*) AS n FROM desk_waiting_events')).toBe(0);

    const onDesk = await officerDesk.call('documents.get', { id: letter.id });
    // Số đến 2 of the clerk's register, though this desk never saw number 1.
    expect(onDesk).toMatchObject({ registerNumber: 2, registerYear: letter.registerYear, notation: letter.notation });
    expect(onDesk.attachments.map((a) => a.sha256)).toEqual(letter.attachments.map((a) => a.sha256));
    expect(onDesk.handling).toMatchObject({ state: 'assigned', mainHandler: { id: people.officer.id } });
    expect(onDesk.handling?.events.map((e) => e.kind)).toEqual(['submitted', 'assigned']);
    officerDesk.core.session.personId = people.officer.id;
    expect((await officerDesk.call('tasks.list', {})).tasks.map((t) => t.documentId)).toEqual([letter.id]);
    const found = await officerDesk.call('documents.search', { query: 'phong chong bao' });
    expect(found.results.map((d) => d.id)).toEqual([letter.id]);

    // What came from the hub never goes back as this desk's own change.
    expect(count(officerDesk, 'SELECT COUNT(*) AS n FROM desk_dirty')).toBe(0);
    expect(pendingChanges(officerDesk.core.db)).toEqual([]);
    expect(queueDeskDocuments(officerDesk.core)).toBe(0);

    // The same page again (a pull repeated after a crash) changes nothing.
    const before = count(officerDesk, 'SELECT COUNT(*) AS n FROM audit_log');
    expect(deliver(clerkDesk, officerDesk, ofLetter).applied).toBe(0);
    expect(count(officerDesk, 'SELECT COUNT(*) AS n FROM handling_events')).toBe(2);
    expect(count(officerDesk, 'SELECT COUNT(*) AS n FROM attachments')).toBe(1);
    expect(count(officerDesk, 'SELECT COUNT(*) AS n FROM audit_log')).toBe(before);
  });

  it('fills an official an event named before their record came, and never touches a password kept here', async () => {
    const clerkDesk = await desk({ deskSync: true });
    const people = await officials(clerkDesk);
    const letter = await registerLetter(clerkDesk, 'Về việc tổng điều tra dân số');
    await clerkDesk.call('handling.submit', { id: letter.id, to: people.chairman.id });
    const items = deskMessages(clerkDesk).map(asFeed);
    const persons = items.filter((item) => item.kind === 'person');

    const leaderDesk = await desk({ deskSync: true, personId: people.chairman.id });
    deliver(
      clerkDesk,
      leaderDesk,
      items.filter((item) => item.kind !== 'person'),
    );
    const placeholder = leaderDesk.core.db
      .prepare('SELECT active, hlc FROM people WHERE id = ?')
      .get(people.chairman.id);
    expect(placeholder).toEqual({ active: 0, hlc: null });
    leaderDesk.core.db.prepare("UPDATE people SET password_hash = 'scrypt$kept' WHERE id = ?").run(people.chairman.id);

    expect(deliver(clerkDesk, leaderDesk, persons).applied).toBe(3);
    const filled = leaderDesk.core.db
      .prepare('SELECT name, title, active, password_hash AS hash FROM people WHERE id = ?')
      .get(people.chairman.id);
    expect(filled).toEqual({ name: 'Nguyễn Văn An', title: 'Chủ tịch UBND xã', active: 1, hash: 'scrypt$kept' });
    // An older record of the same official changes nothing.
    const stale = feedItem.parse({
      ...persons[1],
      seq: ++seq,
      person: { ...(persons[1] as { person: object }).person, name: 'Cũ' },
      hlc: '2000-01-01T00:00:00.000Z-0000-0000000000000000',
    });
    expect(deliver(clerkDesk, leaderDesk, [stale]).applied).toBe(0);
  });

  it('takes the newer entry only, and keeps the file a new version replaced', async () => {
    const clerkDesk = await desk({ deskSync: true });
    await officials(clerkDesk);
    const letter = await registerLetter(clerkDesk, 'Về việc quản lý đất công');
    const firstEntry = deskMessages(clerkDesk)
      .map(asFeed)
      .find((item) => item.kind === 'desk.document')!;
    const chairmanDesk = await desk({ deskSync: true });
    expect(deliver(clerkDesk, chairmanDesk, [firstEntry]).applied).toBe(1);

    // The clerk signs a new version, and the entry goes with it as the extension of the first file.
    const first = pendingChanges(clerkDesk.core.db).find((row) => row.op === 'desk.document')!;
    writeTransaction(clerkDesk.core.db, () =>
      clerkDesk.core.db.prepare("UPDATE changes SET state = 'sent' WHERE id = ?").run(first.id),
    );
    const signed = extendMainFile(clerkDesk, letter.id, '\n% signed\n%%EOF\n', 'sig-2');
    const secondEntry = deskMessages(clerkDesk)
      .map(asFeed)
      .find((item) => item.kind === 'desk.document')!;
    expect(secondEntry.kind === 'desk.document' && secondEntry.attachments[0]!.base?.sha256).toBe(
      letter.attachments[0]!.sha256,
    );
    expect(deliver(clerkDesk, chairmanDesk, [secondEntry]).applied).toBe(1);
    const held = await chairmanDesk.call('documents.get', { id: letter.id });
    expect(held.attachments.map((a) => a.sha256)).toEqual([signed]);
    expect(held.attachments[0]!.versions.map((v) => v.sha256)).toEqual([letter.attachments[0]!.sha256]);

    // The first entry arriving late (older clock) does not undo the second.
    expect(deliver(clerkDesk, chairmanDesk, [{ ...firstEntry, seq: ++seq }]).applied).toBe(0);
    expect((await chairmanDesk.call('documents.get', { id: letter.id })).attachments[0]!.sha256).toBe(signed);
    expect(pendingChanges(chairmanDesk.core.db)).toEqual([]);
  });
});
