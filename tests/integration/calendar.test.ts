// The calendar in Settings on a real store: the clerk reads a year's holidays,
// enters a notice that came after the build, takes back a day entered by
// mistake, and cannot take away a day the law gives.
import { describe, expect, it } from 'vitest';
import { calendarCommands } from '../../core/cli/commands-calendar.ts';
import { auditRowsFor } from '../../core/db/audit.ts';
import { getCalendarDay } from '../../core/db/calendar.ts';
import { adjustCalendar, listCalendar, removeCalendarDay } from '../../core/workflow/calendar-handlers.ts';
import { workingCalendar } from '../../core/workflow/working-days.ts';
import type { HandlerInput, HandlerName } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import { matching } from '../helpers/matchers.ts';
import { openTestOffice } from '../helpers/office.ts';

function thrown(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

// Made-up adjustments for 2027, whose notices are not out: test data, not a real notice.
const SOURCE = 'Thông báo giả định để kiểm thử';

describe('the working-day calendar in Settings', () => {
  it('lists the holidays, make-ups and swaps of 2026 from the notices', async () => {
    const { core } = await openTestOffice();
    const year = listCalendar(core, { year: 2026 });
    expect(year.status).toBe('notice');
    expect(year.days.map((day) => day.day)).toEqual([...year.days.map((day) => day.day)].sort());
    expect(year.days).toContainEqual({
      day: '2026-01-10',
      kind: 'work',
      reason: 'Làm bù cho Thứ Sáu 02/01/2026 (Tết Dương lịch)',
      source: matching.stringContaining('12729/VPCP-KGVX'),
      added: false,
    });
    expect(year.days).toContainEqual({
      day: '2026-04-27',
      kind: 'off',
      reason: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      source: 'Bộ luật Lao động 2019, Điều 111.3',
      added: false,
    });
    expect(year.days.filter((day) => day.reason === 'Tết Nguyên Đán').map((day) => day.day)).toEqual([
      '2026-02-14',
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
    ]);
    expect(year.days.find((day) => day.day === '2026-11-24')?.reason).toBe('Ngày Văn hóa Việt Nam');
    // Ordinary weekends and working days are not listed.
    expect(year.days.find((day) => day.day === '2026-03-07')).toBeUndefined();
    expect(listCalendar(core, { year: 2027 }).status).toBe('estimated');
  });

  it('adds a Saturday worked from a new notice, replaces it, and audits each change', async () => {
    const { core } = await openTestOffice();
    const added = adjustCalendar(core, {
      day: '2027-01-09',
      kind: 'work',
      note: 'Làm bù cho Thứ Hai 11/01/2027',
      source: SOURCE,
    });
    expect(added).toEqual({
      day: { day: '2027-01-09', kind: 'work', reason: 'Làm bù cho Thứ Hai 11/01/2027', source: SOURCE, added: true },
      before: { day: '2027-01-09', kind: 'off', reason: 'Thứ Bảy', source: null, added: false },
    });
    adjustCalendar(core, { day: '2027-01-11', kind: 'off', note: 'Nghỉ hoán đổi', source: SOURCE });
    expect(workingCalendar(core.db).addWorkingDays('2027-01-08', 2)).toBe('2027-01-12');
    expect(
      listCalendar(core, { year: 2027 })
        .days.filter((day) => day.added)
        .map((day) => day.day),
    ).toEqual(['2027-01-09', '2027-01-11']);

    // The same day again replaces what was added: one row, the new kind.
    const replaced = adjustCalendar(core, { day: '2027-01-11', kind: 'work', note: 'Đi làm bình thường' });
    expect(replaced.before).toMatchObject({ kind: 'off', reason: 'Nghỉ hoán đổi', added: true });
    expect(replaced.day).toMatchObject({ kind: 'work', source: null, added: true });
    expect(getCalendarDay(core.db, '2027-01-11')).toMatchObject({ kind: 'work', note: 'Đi làm bình thường' });

    const audit = auditRowsFor(core.db, 'calendar');
    expect(audit.map((row) => [row.action, row.entity])).toEqual([
      ['calendar.adjust', 'settings'],
      ['calendar.adjust', 'settings'],
      ['calendar.adjust', 'settings'],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ day: '2027-01-09', kind: 'work', source: SOURCE });
  });

  it('removes an added day and gives the day back to the law', async () => {
    const { core } = await openTestOffice();
    adjustCalendar(core, { day: '2026-04-27', kind: 'work', note: 'Đi làm (nhập nhầm)' });
    expect(workingCalendar(core.db).isWorkingDay('2026-04-27')).toBe(true);
    const removed = removeCalendarDay(core, { day: '2026-04-27' });
    expect(removed).toEqual({
      removed: { day: '2026-04-27', kind: 'work', reason: 'Đi làm (nhập nhầm)', source: null, added: true },
      now: {
        day: '2026-04-27',
        kind: 'off',
        reason: 'Nghỉ bù Giỗ Tổ Hùng Vương',
        source: 'Bộ luật Lao động 2019, Điều 111.3',
        added: false,
      },
    });
    expect(getCalendarDay(core.db, '2026-04-27')).toBeUndefined();
    expect(auditRowsFor(core.db, 'calendar').map((row) => row.action)).toEqual(['calendar.adjust', 'calendar.remove']);
  });

  it('refuses to remove a day that was not added, saying what the day is', async () => {
    const { core } = await openTestOffice();
    const refused = thrown(() => removeCalendarDay(core, { day: '2026-04-27' }));
    expect(refused.code).toBe('CALENDAR_DAY_NOT_ADDED');
    expect(refused.fields?.day).toContain('27/04/2026 (Nghỉ bù Giỗ Tổ Hùng Vương) không phải ngày đã thêm');
    expect(auditRowsFor(core.db, 'calendar')).toEqual([]);
  });

  it('refuses a day that is not a date, a year out of range and a wrong kind, and stores nothing', async () => {
    const office = await openTestOffice();
    const refusal = async <K extends HandlerName>(name: K, input: HandlerInput<K>) => {
      const error = await office.call(name, input).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    };
    const notADay = await refusal('calendar.adjust', { day: '2026-02-30', kind: 'off', note: 'Nghỉ' });
    expect(notADay.code).toBe('INPUT_INVALID');
    expect(notADay.fields).toEqual({ day: 'Ngày phải có dạng yyyy-mm-dd và có thật' });
    expect((await refusal('calendar.adjust', { day: '30/04/2026', kind: 'off', note: 'Nghỉ' })).fields).toHaveProperty(
      'day',
    );
    expect((await refusal('calendar.adjust', { day: '2300-01-02', kind: 'off', note: 'Nghỉ' })).fields?.day).toContain(
      '1970',
    );
    const wrongKind = await refusal('calendar.adjust', { day: '2027-01-11', kind: 'holiday' as 'off', note: '  ' });
    expect(Object.keys(wrongKind.fields!).sort()).toEqual(['kind', 'note']);
    expect(wrongKind.fields?.kind).toContain('off');
    expect((await refusal('calendar.remove', { day: 'hôm qua' })).code).toBe('INPUT_INVALID');
    expect((await refusal('calendar.list', { year: 1800 })).fields).toHaveProperty('year');
    expect(listCalendar(office.core, { year: 2027 }).days.filter((day) => day.added)).toEqual([]);
    expect(auditRowsFor(office.core.db, 'calendar')).toEqual([]);
  });

  it('lets only a clerk change the calendar once the agency lists its officials', async () => {
    const office = await openTestOffice();
    await office.call('people.add', { name: 'Lê Thị Văn', role: 'clerk' });
    const officer = await office.call('people.add', { name: 'Trần Văn Bình', role: 'officer' });
    office.core.session.personId = officer.id;
    await expect(
      office.call('calendar.adjust', { day: '2027-01-09', kind: 'work', note: 'Làm bù' }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED' });
    expect(auditRowsFor(office.core.db, 'calendar')).toEqual([]);
  });
});

describe('vanthu calendar', () => {
  it('reads its arguments and answers in Vietnamese', async () => {
    const { core } = await openTestOffice();
    const add = calendarCommands['calendar add'];
    const input = add.input({ work: true, note: 'Làm bù', source: SOURCE }, ['2027-01-09']);
    expect(input).toEqual({ day: '2027-01-09', kind: 'work', note: 'Làm bù', source: SOURCE });
    expect(() => add.input({ note: 'Làm bù' }, ['2027-01-09'])).toThrow('--off');
    expect(() => add.input({ off: true }, ['2027-01-09'])).toThrow('--note');
    expect(add.text(adjustCalendar(core, input))).toBe(
      'Đã thêm Thứ Bảy 09/01/2027: làm việc — Làm bù. Trước đó: nghỉ — Thứ Bảy.',
    );

    const show = calendarCommands['calendar show'];
    const shown = show.text(listCalendar(core, show.input({ year: '2027' }, [])));
    expect(shown).toContain('CHƯA CÓ THÔNG BÁO');
    expect(shown).toMatch(/Thứ Bảy 09\/01\/2027\s+làm việc\s+Làm bù · đã thêm, theo Thông báo giả định/);
    expect(() => show.input({ year: '27' }, [])).toThrow('--year');
    expect(show.text(listCalendar(core, { year: 2026 }))).toMatch(/Chủ nhật 26\/04\/2026\s+nghỉ\s+Giỗ Tổ Hùng Vương/);

    const remove = calendarCommands['calendar remove'];
    expect(remove.text(removeCalendarDay(core, remove.input({}, ['2027-01-09'])))).toBe(
      'Đã xóa ngày đã thêm Thứ Bảy 09/01/2027: làm việc — Làm bù. Nay ngày này là: nghỉ — Thứ Bảy.',
    );
    expect(() => remove.input({}, [])).toThrow('thiếu ngày');
  });
});
