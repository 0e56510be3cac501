// Each official on their own desktop (issue 15), as one store sees it: a PC
// enrolled for one official opens as them and refuses anyone else; every
// handling event and every change to the list of officials is queued for the
// hub in the transaction that makes it; two leaders' assignments made before
// their desks synced both show, the later one in force; and the clerk's
// "Tạo mã cài đặt máy" says plainly when there is no hub to ask.
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { insertHandlingEvent } from '../../core/db/handling.ts';
import { getDocumentRow } from '../../core/db/documents.ts';
import { main } from '../../core/cli/main.ts';
import { handling as handlingText } from '../../core/cli/format-handling.ts';
import { rebuildHandling } from '../../core/workflow/handling.ts';
import type { HandlerInput } from '../../shared/api.ts';
import type { ErrorValue } from '../../shared/errors.ts';
import type { PersonView } from '../../shared/handling.ts';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';

interface Officials {
  clerk: PersonView;
  chairman: PersonView;
  vice: PersonView;
  officer: PersonView;
}

async function officials(office: TestOffice): Promise<Officials> {
  const clerk = await office.call('people.add', { name: 'Lê Thị Văn', title: 'Văn thư', role: 'clerk' });
  const chairman = await office.call('people.add', {
    name: 'Nguyễn Văn An',
    title: 'Chủ tịch UBND xã',
    role: 'leader',
    password: 'chu-tich-2026',
  });
  const vice = await office.call('people.add', { name: 'Phạm Thị Hoa', title: 'Phó Chủ tịch UBND xã', role: 'leader' });
  const officer = await office.call('people.add', {
    name: 'Trần Văn Bình',
    title: 'Công chức Văn phòng - Thống kê',
    role: 'officer',
    password: 'binh-123',
  });
  return { clerk, chairman, vice, officer };
}

/** What `vanthu connect` stores, for the official the code was made for (null: an agency-wide PC). */
function enroll(office: TestOffice, personId: string | null, hubUrl = 'http://127.0.0.1:9'): void {
  office.core.db
    .prepare(
      `INSERT INTO sync_device (id, hub_url, device_id, credential, agency_code, holds_register, expires_at, enrolled_at, person_id)
       VALUES (1, ?, '0195f0a0-0000-7000-8000-000000000001', ?, '000.00.31.H56', 0, '2027-03-02T00:00:00.000Z', '2026-03-02T02:00:00.000Z', ?)`,
    )
    .run(hubUrl, `0195f0a0-0000-7000-8000-000000000001.${'s'.repeat(43)}`, personId);
}

/** The same data dir opened again, as the PC is the next morning. */
async function reopen(office: TestOffice): Promise<TestOffice> {
  return openTestOffice({ dataDir: office.dataDir, init: false });
}

let letters = 0;
function register(office: TestOffice, fields: Partial<HandlerInput<'incoming.register'>> = {}) {
  return office.call('incoming.register', {
    issuerName: 'UBND huyện Quảng Xương',
    notation: `${++letters}/UBND-VP`,
    issuedOn: '2026-02-26',
    type: 'CV',
    subject: 'Về việc rà soát hộ nghèo, hộ cận nghèo năm 2026',
    ...fields,
  });
}

interface ChangeRow {
  id: string;
  op: string;
  hlc: string;
  documentId: string;
  payload: string;
}
function changes(office: TestOffice, op: string): ChangeRow[] {
  return office.core.db
    .prepare('SELECT id, op, hlc, document_id AS documentId, payload FROM changes WHERE op = ? ORDER BY seq')
    .all(op) as ChangeRow[];
}

/** `vanthu …` in this process: what it printed and its exit code. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** A port nothing listens on: the hub's PC is off. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an official's own desktop", () => {
  it('opens as that official without a password and refuses to switch to anyone else', async () => {
    const shared = await openTestOffice();
    const people = await officials(shared);
    enroll(shared, people.officer.id);
    shared.core.close();

    const desk = await reopen(shared);
    // Bình has a password; on his own PC he is not asked for it.
    expect(desk.core.session.personId).toBe(people.officer.id);
    expect(await desk.call('session.get', {})).toMatchObject({
      person: { id: people.officer.id, name: 'Trần Văn Bình' },
      hasPeople: true,
      personalDesk: true,
    });

    // Not even with the chairman's right password: his events would be refused by the hub as this desk's.
    const refused = desk.call('session.switch', { person: people.chairman.id, password: 'chu-tich-2026' });
    await expect(refused).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
      fields: { person: expect.stringContaining('Máy này chỉ dùng cho Trần Văn Bình') as unknown },
    });
    await expect(desk.call('session.leave', {})).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    expect((await desk.call('session.get', {})).person?.id).toBe(people.officer.id);
    // Naming himself is no switch and needs no password.
    expect((await desk.call('session.switch', { person: 'tran van binh' })).person?.id).toBe(people.officer.id);

    // An officer's desk does not keep the list of officials.
    await expect(desk.call('people.add', { name: 'Người Lạ', role: 'officer' })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  });

  it('refuses `--as` another official on the command line, in Vietnamese', async () => {
    const shared = await openTestOffice();
    const people = await officials(shared);
    enroll(shared, people.officer.id);
    shared.core.close();

    const asOther = await cli(['task', 'list', '--data', shared.dataDir, '--as', 'Nguyễn Văn An']);
    expect(asOther.status).toBe(1);
    expect(asOther.stderr).toContain('Máy này chỉ dùng cho Trần Văn Bình');
    expect(asOther.stderr).toContain('NOT_PERMITTED');

    const own = await cli(['task', 'list', '--data', shared.dataDir, '--json']);
    expect(own.status).toBe(0);
    expect(JSON.parse(own.stdout)).toMatchObject({ person: { name: 'Trần Văn Bình' } });
  });

  it('follows an enrollment made while the app was open', async () => {
    const office = await openTestOffice();
    const people = await officials(office);
    expect((await office.call('session.get', {})).personalDesk).toBe(false);
    enroll(office, people.vice.id);
    expect(await office.call('session.get', {})).toMatchObject({ person: { id: people.vice.id }, personalDesk: true });
  });

  it("is a clerk's desk that keeps the list, each change queued for the hub with its clock", async () => {
    const shared = await openTestOffice();
    const people = await officials(shared);
    enroll(shared, people.clerk.id);
    shared.core.close();
    const desk = await reopen(shared);

    const added = await desk.call('people.add', { name: 'Đỗ Văn Cường', unit: 'Địa chính', role: 'officer' });
    await desk.call('people.edit', { person: added.id, title: 'Công chức Địa chính - Xây dựng' });
    await desk.call('people.deactivate', { person: added.id });
    // A password stays on the desk: no change for the hub.
    await desk.call('people.setPassword', { person: added.id, password: 'cuong-2026' });

    const queued = changes(desk, 'person.put').filter((change) => change.documentId === added.id);
    expect(queued.map((change) => JSON.parse(change.payload) as unknown)).toEqual([
      { person: { id: added.id, name: 'Đỗ Văn Cường', title: null, unit: 'Địa chính', role: 'officer', active: true } },
      {
        person: {
          id: added.id,
          name: 'Đỗ Văn Cường',
          title: 'Công chức Địa chính - Xây dựng',
          unit: 'Địa chính',
          role: 'officer',
          active: true,
        },
      },
      {
        person: {
          id: added.id,
          name: 'Đỗ Văn Cường',
          title: 'Công chức Địa chính - Xây dựng',
          unit: 'Địa chính',
          role: 'officer',
          active: false,
        },
      },
    ]);
    const stored = desk.core.db.prepare('SELECT hlc FROM people WHERE id = ?').get(added.id) as { hlc: string };
    expect(stored.hlc).toBe(queued.at(-1)!.hlc);
    expect([...queued.map((c) => c.hlc)].sort()).toEqual(queued.map((c) => c.hlc));
  });
});

describe('handling events between desks', () => {
  it('queues each event for the hub with the newest event its desk knew as its basis', async () => {
    const office = await openTestOffice();
    const people = await officials(office);
    const letter = await register(office);
    await office.call('handling.submit', { id: letter.id, to: people.chairman.id });
    await office.call('session.switch', { person: people.chairman.id, password: 'chu-tich-2026' });
    await office.call('handling.assign', { id: letter.id, main: people.officer.id, dueOn: '2026-03-10' });

    const events = office.core.db
      .prepare('SELECT id, kind, person_id AS personId, at, hlc, detail FROM handling_events ORDER BY hlc')
      .all() as { id: string; kind: string; personId: string; at: string; hlc: string; detail: string }[];
    const queued = changes(office, 'desk.event');
    expect(queued.map((change) => [change.id, change.hlc, change.documentId])).toEqual(
      events.map((event) => [event.id, event.hlc, letter.id]),
    );
    const [submitted, assigned] = queued.map((change) => (JSON.parse(change.payload) as { event: unknown }).event);
    expect(submitted).toEqual({
      id: events[0]!.id,
      documentId: letter.id,
      kind: 'submitted',
      personId: people.clerk.id,
      at: events[0]!.at,
      hlc: events[0]!.hlc,
      detail: { to: people.chairman.id, note: null, basis: null },
    });
    expect(assigned).toMatchObject({
      kind: 'assigned',
      personId: people.chairman.id,
      detail: { main: people.officer.id, with: [], inform: [], dueOn: '2026-03-10', basis: events[0]!.hlc },
    });
    expect(JSON.parse(events[1]!.detail)).toMatchObject({ basis: events[0]!.hlc });
  });

  it('shows two leaders assigning before their desks synced, the later in force until a leader assigns again', async () => {
    const office = await openTestOffice();
    const people = await officials(office);
    const letter = await register(office);
    const submitted = await office.call('handling.submit', { id: letter.id, to: people.chairman.id });
    await office.call('session.switch', { person: people.chairman.id, password: 'chu-tich-2026' });
    const byChairman = await office.call('handling.assign', {
      id: letter.id,
      main: people.officer.id,
      dueOn: '2026-03-10',
    });

    // The vice-chairman's assignment arrives from her desk: made on the submission alone, a minute later by HLC.
    const chairmanHlc = byChairman.events.at(-1)!.hlc;
    const viceHlc = `${new Date(Date.parse(chairmanHlc.slice(0, 24)) + 60_000).toISOString()}-0000-bbbbbbbbbbbbbbbb`;
    insertHandlingEvent(office.core.db, {
      id: '0195f0a0-0000-7000-8000-0000000000a1',
      documentId: letter.id,
      kind: 'assigned',
      personId: people.vice.id,
      at: '2026-03-02T02:01:00.000Z',
      hlc: viceHlc,
      detail: JSON.stringify({
        main: people.clerk.id,
        with: [people.officer.id],
        inform: [],
        dueOn: '2026-03-13',
        note: null,
        basis: submitted.events[0]!.hlc,
      }),
    });
    rebuildHandling(office.core.db, getDocumentRow(office.core.db, letter.id)!);

    const shown = (await office.call('documents.get', { id: letter.id })).handling!;
    expect(shown).toMatchObject({ mainHandler: { name: 'Lê Thị Văn' }, dueOn: '2026-03-13' });
    expect(shown.conflict).toEqual({
      kind: 'assignment',
      events: [
        expect.objectContaining({
          by: expect.objectContaining({ name: 'Nguyễn Văn An' }) as unknown,
          main: expect.objectContaining({ name: 'Trần Văn Bình' }) as unknown,
          dueOn: '2026-03-10',
          inForce: false,
        }),
        expect.objectContaining({
          by: expect.objectContaining({ name: 'Phạm Thị Hoa' }) as unknown,
          main: expect.objectContaining({ name: 'Lê Thị Văn' }) as unknown,
          dueOn: '2026-03-13',
          inForce: true,
        }),
      ],
    });
    expect(handlingText(shown)).toContain('Hai lãnh đạo đã giao xử lý khác nhau khi các máy chưa đồng bộ');
    expect(handlingText(shown)).toMatch(/Phạm Thị Hoa giao Lê Thị Văn xử lý chính, hạn 13\/03\/2026 \(đang áp dụng\)/);
    // Who is handling it now follows the later assignment, in "Việc của tôi" as in the register.
    const parties = office.core.db
      .prepare('SELECT person_id AS personId, role FROM handling_parties WHERE document_id = ? ORDER BY role')
      .all(letter.id);
    expect(parties).toEqual([
      { personId: people.clerk.id, role: 'main' },
      { personId: people.officer.id, role: 'with' },
    ]);

    // The chairman, having now seen both, assigns again: settled.
    office.setNow('2026-03-02T09:05:00+07:00');
    const settled = await office.call('handling.assign', {
      id: letter.id,
      main: people.officer.id,
      dueOn: '2026-03-12',
    });
    expect(settled.conflict).toBeNull();
    expect(settled).toMatchObject({ mainHandler: { name: 'Trần Văn Bình' }, dueOn: '2026-03-12' });
  });
});

describe('an enrollment code for an official', () => {
  it('needs this PC connected to the hub', async () => {
    const office = await openTestOffice();
    const people = await officials(office);
    await expect(office.call('people.enrollCode', { id: people.officer.id })).rejects.toMatchObject({
      code: 'SYNC_NOT_CONNECTED',
    });

    const json = await cli(['person', 'enroll-code', 'Trần Văn Bình', '--data', office.dataDir, '--json']);
    expect(json.status).toBe(1);
    expect((JSON.parse(json.stdout) as { error: ErrorValue }).error).toMatchObject({
      code: 'SYNC_NOT_CONNECTED',
      message: expect.stringContaining('chưa kết nối với máy chủ của tỉnh') as unknown,
    });
  });

  it('says the hub cannot be reached when its PC is off, and records nothing', async () => {
    const office = await openTestOffice();
    await officials(office);
    enroll(office, null, `http://127.0.0.1:${await closedPort()}`);
    const auditRows = () => (office.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = auditRows();
    await expect(office.call('people.enrollCode', { id: 'Trần Văn Bình' })).rejects.toMatchObject({
      code: 'SYNC_OFFLINE',
    });
    expect(auditRows()).toBe(before);
  });

  it('is made only by the clerk', async () => {
    const office = await openTestOffice();
    const people = await officials(office);
    enroll(office, null, `http://127.0.0.1:${await closedPort()}`);
    await office.call('session.switch', { person: people.vice.id });
    await expect(office.call('people.enrollCode', { id: people.officer.id })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
  });
});
