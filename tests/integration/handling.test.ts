// The handling of documents on one store: the officials switching in, the
// rules of who may do what, deadlines in working days on a fixed clock across
// a weekend and Tết, and a wrong password that leaves no trace.
import { describe, expect, it } from 'vitest';
import type { HandlerInput } from '../../shared/api.ts';
import type { PersonView } from '../../shared/handling.ts';
import { openTestOffice, type TestOffice } from '../helpers/office.ts';

interface Officials {
  clerk: PersonView;
  chairman: PersonView;
  officer: PersonView;
  colleague: PersonView;
}

async function officials(office: TestOffice): Promise<Officials> {
  // The first official is added with nobody at the desk; the desk that made the first clerk acts as her.
  const clerk = await office.call('people.add', { name: 'Lê Thị Văn', title: 'Văn thư', role: 'clerk' });
  expect(office.core.session.personId).toBe(clerk.id);
  const chairman = await office.call('people.add', {
    name: 'Nguyễn Văn An',
    title: 'Chủ tịch UBND xã',
    role: 'leader',
    password: 'chu-tich-2026',
  });
  const officer = await office.call('people.add', {
    name: 'Trần Văn Bình',
    title: 'Công chức Văn phòng - Thống kê',
    unit: 'Văn phòng HĐND và UBND',
    role: 'officer',
    password: 'binh-123',
  });
  const colleague = await office.call('people.add', {
    name: 'Phạm Thị Cúc',
    title: 'Công chức Văn hóa - Xã hội',
    unit: 'Phòng Văn hóa - Xã hội',
    role: 'officer',
  });
  return { clerk, chairman, officer, colleague };
}

let letters = 0;
function register(office: TestOffice, fields: Partial<HandlerInput<'incoming.register'>> = {}) {
  return office.call('incoming.register', {
    issuerName: 'UBND tỉnh Thanh Hóa',
    notation: `${++letters}/UBND-VX`,
    issuedOn: '2026-02-10',
    type: 'CV',
    subject: 'Về việc báo cáo tình hình thực hiện chính sách người có công',
    ...fields,
  });
}

async function switchTo(office: TestOffice, person: PersonView, password?: string) {
  return office.call('session.switch', { person: person.id, ...(password ? { password } : {}) });
}

describe('the officials', () => {
  it('are kept by the clerk: added, listed, edited, deactivated, never with a password in clear', async () => {
    const office = await openTestOffice();
    const people = await officials(office);
    expect((await office.call('people.list', { includeInactive: false })).people.map((p) => p.name)).toEqual([
      'Lê Thị Văn',
      'Nguyễn Văn An',
      'Phạm Thị Cúc',
      'Trần Văn Bình',
    ]);
    const stored = office.core.db
      .prepare('SELECT password_hash AS hash FROM people WHERE id = ?')
      .get(people.officer.id) as {
      hash: string;
    };
    expect(stored.hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.hash).not.toContain('binh-123');
    const audit = office.core.db.prepare("SELECT detail FROM audit_log WHERE action LIKE 'person.%'").all() as {
      detail: string;
    }[];
    expect(audit.map((row) => row.detail).join('')).not.toContain('binh-123');

    const edited = await office.call('people.edit', { person: 'tran van binh', unit: 'Phòng Kinh tế' });
    expect(edited.unit).toBe('Phòng Kinh tế');
    await office.call('people.deactivate', { person: people.colleague.id });
    expect((await office.call('people.list', { includeInactive: false })).people).toHaveLength(3);
    expect((await office.call('people.list', { includeInactive: true })).people).toHaveLength(4);
    await expect(office.call('people.deactivate', { person: people.clerk.id })).rejects.toMatchObject({
      code: 'LAST_CLERK',
    });

    // An officer does not keep the list.
    await switchTo(office, people.officer, 'binh-123');
    await expect(office.call('people.add', { name: 'Người Lạ', role: 'clerk' })).rejects.toMatchObject({
      code: 'NOT_PERMITTED',
    });
    await expect(
      office.call('handling.assign', { id: (await register(office)).id, main: people.officer.id, dueOn: '2026-03-10' }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it('refuses a wrong password and records nothing under that official', async () => {
    const office = await openTestOffice();
    const people = await officials(office);
    const letter = await register(office);
    await office.call('handling.submit', { id: letter.id, to: people.chairman.id });
    const auditRows = () => (office.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const before = auditRows();

    await expect(switchTo(office, people.chairman, 'sai-mat-khau')).rejects.toMatchObject({
      code: 'PASSWORD_INCORRECT',
    });
    await expect(switchTo(office, people.chairman)).rejects.toMatchObject({ code: 'PASSWORD_REQUIRED' });
    // Still the clerk at the desk: the leader's step is refused in her name, and nothing was written.
    expect((await office.call('session.get', {})).person?.id).toBe(people.clerk.id);
    await expect(
      office.call('handling.assign', { id: letter.id, main: people.officer.id, dueOn: '2026-03-10' }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    expect(auditRows()).toBe(before);
    const byChairman = office.core.db
      .prepare('SELECT count(*) AS n FROM handling_events WHERE person_id = ?')
      .get(people.chairman.id) as { n: number };
    expect(byChairman.n).toBe(0);

    const session = await switchTo(office, people.chairman, 'chu-tich-2026');
    expect(session.person).toMatchObject({ name: 'Nguyễn Văn An', hasPassword: true });
  });
});

describe("a document's handling", () => {
  it('goes from submission to completion, each step by the official whose step it is, in the audit chain', async () => {
    const office = await openTestOffice({ now: '2026-03-02T08:30:00+07:00' });
    const people = await officials(office);
    const letter = await register(office, { urgency: 'khan' });

    const submitted = await office.call('handling.submit', { id: letter.id, to: 'Nguyễn Văn An' });
    expect(submitted).toMatchObject({ state: 'submitted', waitingOn: { name: 'Nguyễn Văn An' } });
    await switchTo(office, people.chairman, 'chu-tich-2026');
    expect((await office.call('tasks.list', {})).tasks).toEqual([
      expect.objectContaining({ documentId: letter.id, role: 'direct', state: 'submitted' }),
    ]);
    // A leader may also pass it on to another leader (submit), as a chairman does to a vice-chairman.
    expect((await office.call('handling.get', { id: letter.id })).allowed).toEqual(['submit', 'direct', 'assign']);

    await office.call('handling.direct', { id: letter.id, note: 'Giao Văn phòng chủ trì, báo cáo trước ngày 06/3' });
    const assigned = await office.call('handling.assign', {
      id: letter.id,
      main: people.officer.id,
      with: [people.colleague.id],
      inform: [people.clerk.id],
      dueInWorkingDays: 4,
      note: 'Đồng chí Bình chủ trì, đồng chí Cúc phối hợp',
    });
    // Mon 2/3 + 4 working days = Fri 6/3.
    expect(assigned).toMatchObject({
      state: 'assigned',
      mainHandler: { name: 'Trần Văn Bình' },
      with: [{ name: 'Phạm Thị Cúc' }],
      inform: [{ name: 'Lê Thị Văn' }],
      dueOn: '2026-03-06',
    });
    expect((await office.call('tasks.list', {})).tasks).toEqual([]);

    // The co-handler cannot receive or complete: that is the main handler's.
    await switchTo(office, people.colleague);
    expect((await office.call('tasks.list', {})).tasks).toEqual([
      expect.objectContaining({ documentId: letter.id, role: 'with', dueOn: '2026-03-06' }),
    ]);
    await expect(office.call('handling.receive', { id: letter.id })).rejects.toMatchObject({ code: 'NOT_PERMITTED' });

    await switchTo(office, people.officer, 'binh-123');
    await expect(office.call('handling.complete', { id: letter.id, note: 'Xong' })).resolves.toBeDefined();
    // A completed document cannot be received or handed back any more.
    await expect(office.call('handling.return', { id: letter.id, reason: 'Nhầm' })).rejects.toMatchObject({
      code: 'HANDLING_STEP_INVALID',
    });

    const shown = await office.call('documents.get', { id: letter.id });
    expect(shown.handling).toMatchObject({
      state: 'completed',
      mainHandler: { name: 'Trần Văn Bình' },
      dueOn: '2026-03-06',
      completedOn: '2026-03-02',
      completedLate: false,
    });
    expect(shown.handling?.events.map((event) => [event.kind, event.by.name])).toEqual([
      ['submitted', 'Lê Thị Văn'],
      ['directed', 'Nguyễn Văn An'],
      ['assigned', 'Nguyễn Văn An'],
      ['completed', 'Trần Văn Bình'],
    ]);
    const hlcs = shown.handling!.events.map((event) => event.hlc);
    expect([...hlcs].sort()).toEqual(hlcs);

    // Every step is in the hash chain, with the official who took it.
    const rows = office.core.db
      .prepare("SELECT action, person_id AS personId FROM audit_log WHERE entity_id = ? AND action LIKE 'handling.%'")
      .all(letter.id) as { action: string; personId: string }[];
    expect(rows).toEqual([
      { action: 'handling.submitted', personId: people.clerk.id },
      { action: 'handling.directed', personId: people.chairman.id },
      { action: 'handling.assigned', personId: people.chairman.id },
      { action: 'handling.completed', personId: people.officer.id },
    ]);
    expect((await office.call('audit.verify', {})).ok).toBe(true);
  });

  it('is returned with a reason and assigned again; the register shows and filters state, handler and deadline', async () => {
    const office = await openTestOffice({ now: '2026-03-02T08:30:00+07:00' });
    const people = await officials(office);
    const first = await register(office);
    const second = await register(office, { subject: 'Về việc tổng điều tra kinh tế' });
    await office.call('handling.submit', { id: first.id, to: people.chairman.id });
    await switchTo(office, people.chairman, 'chu-tich-2026');
    await office.call('handling.assign', { id: first.id, main: people.officer.id, dueOn: '2026-03-13' });

    await switchTo(office, people.officer, 'binh-123');
    await office.call('handling.receive', { id: first.id });
    const returned = await office.call('handling.return', { id: first.id, reason: 'Không thuộc lĩnh vực Văn phòng' });
    expect(returned).toMatchObject({ state: 'returned', waitingOn: { name: 'Nguyễn Văn An' } });
    expect((await office.call('tasks.list', {})).tasks).toEqual([]);

    await switchTo(office, people.chairman, 'chu-tich-2026');
    expect((await office.call('tasks.list', {})).tasks).toEqual([
      expect.objectContaining({ documentId: first.id, role: 'direct', state: 'returned' }),
    ]);
    await office.call('handling.assign', { id: first.id, main: people.colleague.id, dueOn: '2026-03-13' });

    const list = (filters: Partial<HandlerInput<'documents.list'>>) =>
      office.call('documents.list', { view: 'incoming', ...filters });
    const rows = (await list({})).rows;
    expect(rows.find((row) => row.id === first.id)).toMatchObject({
      handlingState: 'assigned',
      mainHandler: 'Phạm Thị Cúc',
      handlingDueOn: '2026-03-13',
    });
    expect(rows.find((row) => row.id === second.id)).toMatchObject({ handlingState: null, mainHandler: null });
    expect((await list({ mainHandler: people.colleague.id })).rows.map((row) => row.id)).toEqual([first.id]);
    expect((await list({ handlingState: 'registered' })).rows.map((row) => row.id)).toEqual([second.id]);
    expect((await list({ dueBy: '2026-03-13' })).rows.map((row) => row.id)).toEqual([first.id]);
    expect((await list({ dueBy: '2026-03-12' })).total).toBe(0);

    // The derived rows match the events; a row changed behind core's back is found by `check`.
    expect((await office.call('store.check', {})).handling).toEqual({ ok: true, checked: 1, mismatched: [] });
    office.core.db.prepare("UPDATE handling SET state = 'completed' WHERE document_id = ?").run(first.id);
    const check = await office.call('store.check', {});
    expect(check.ok).toBe(false);
    expect(check.handling).toEqual({ ok: false, checked: 1, mismatched: [first.id] });
  });

  it('counts due and overdue in working days across a weekend and the Tết holiday', async () => {
    const office = await openTestOffice({ now: '2026-02-12T09:00:00+07:00' });
    const people = await officials(office);
    const letter = await register(office, { issuedOn: '2026-02-11' });
    await switchTo(office, people.chairman, 'chu-tich-2026');
    // Thu 12/2/2026: two working days are Fri 13/2 and — after Tết, Sat 14/2 to Sun 22/2 — Mon 23/2.
    const assigned = await office.call('handling.assign', {
      id: letter.id,
      main: people.officer.id,
      dueInWorkingDays: 2,
    });
    expect(assigned.dueOn).toBe('2026-02-23');
    // Two working days away is "due soon" (within two working days) from the start.
    expect(assigned).toMatchObject({ dueSoon: true, overdue: false });

    await switchTo(office, people.officer, 'binh-123');
    const task = async () => (await office.call('tasks.list', {})).tasks[0]!;
    // Fri 13/2: the next working day is the deadline — due soon.
    office.setNow('2026-02-13T09:00:00+07:00');
    expect(await task()).toMatchObject({ dueSoon: true, overdue: false });
    // Sat 21/2, in the middle of Tết: still due soon, not overdue.
    office.setNow('2026-02-21T09:00:00+07:00');
    expect(await task()).toMatchObject({ dueSoon: true, overdue: false });
    // Mon 23/2, the day itself: due, not yet overdue.
    office.setNow('2026-02-23T16:00:00+07:00');
    expect(await task()).toMatchObject({ dueSoon: true, overdue: false });
    // Tue 24/2: overdue, and counted so.
    office.setNow('2026-02-24T08:00:00+07:00');
    expect(await task()).toMatchObject({ dueSoon: false, overdue: true });
    expect((await office.call('tasks.list', {})).counts).toMatchObject({ overdue: 1, total: 1, assigned: 1 });
    expect((await office.call('documents.list', { view: 'incoming', overdue: true })).total).toBe(1);

    // Asked for more time, granted by the chairman: the new deadline holds.
    await office.call('handling.extend', { id: letter.id, dueInWorkingDays: 3, reason: 'Chờ số liệu thôn' });
    await switchTo(office, people.chairman, 'chu-tich-2026');
    expect((await office.call('tasks.list', {})).tasks[0]).toMatchObject({ role: 'direct' });
    const granted = await office.call('handling.decideExtension', { id: letter.id, grant: true });
    // Tue 24/2 + 3 working days = Fri 27/2.
    expect(granted).toMatchObject({ dueOn: '2026-02-27', overdue: false, extensionAsked: null });

    await switchTo(office, people.officer, 'binh-123');
    office.setNow('2026-03-02T08:00:00+07:00');
    const done = await office.call('handling.complete', { id: letter.id, note: 'Đã báo cáo' });
    expect(done).toMatchObject({ state: 'completed', completedOn: '2026-03-02', completedLate: true });
  });

  it('keeps a deadline given by a date when it is not before today, and refuses one that is', async () => {
    const office = await openTestOffice({ now: '2026-03-02T08:30:00+07:00' });
    const people = await officials(office);
    const letter = await register(office);
    await switchTo(office, people.chairman, 'chu-tich-2026');
    await expect(
      office.call('handling.assign', { id: letter.id, main: people.officer.id, dueOn: '2026-02-27' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { dueOn: 'Hạn xử lý không được trước hôm nay' } });
    await expect(
      office.call('handling.assign', {
        id: letter.id,
        main: people.officer.id,
        dueOn: '2026-03-05',
        dueInWorkingDays: 2,
      }),
    ).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(
      office.call('handling.assign', { id: letter.id, main: 'Không Có Ai', dueOn: '2026-03-05' }),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    expect((await office.call('documents.get', { id: letter.id })).handling).toBeNull();
  });
});
