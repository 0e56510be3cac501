// Working days as the clerk counts a hạn xử lý (domain §8.5): weekends, the
// holidays of the Labour Code on the Vietnamese lunar calendar, make-ups, the
// 2026 notices, an estimated year, and the days the clerk adds from a notice.
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../core/context.ts';
import { putCalendarDay } from '../../core/db/calendar.ts';
import { estimatedSecondNationalDay, hungKingsDay, lunarNewYear, weekdayName } from '../../core/workflow/holidays.ts';
import { workingCalendar } from '../../core/workflow/working-days.ts';
import { AppError } from '../../shared/errors.ts';
import { matching } from '../helpers/matchers.ts';
import { tempDir } from '../helpers/office.ts';

const opened: Core[] = [];
afterEach(() => {
  while (opened.length) opened.pop()!.close();
});

function freshStore(): Core {
  const core = openCore(tempDir(), { actor: 'van-thu', now: () => new Date('2026-12-01T09:00:00+07:00') });
  opened.push(core);
  return core;
}

/** A calendar on an empty store: the law and the shipped notices only. */
function calendar() {
  return workingCalendar(freshStore().db);
}

describe('the lunar holidays, computed at UTC+7', () => {
  it('puts mùng 1 Tết where the Vietnamese calendar has it, not the Chinese one', () => {
    expect(lunarNewYear(2026)).toBe('2026-02-17');
    expect(weekdayName('2026-02-17')).toBe('Thứ Ba');
    expect(lunarNewYear(2027)).toBe('2027-02-06');
    expect(weekdayName('2027-02-06')).toBe('Thứ Bảy');
    // China has 18/2, 3/2, 19/2 and 20/2 (a whole month) for these years.
    expect(lunarNewYear(2007)).toBe('2007-02-17');
    expect(lunarNewYear(2030)).toBe('2030-02-02');
    expect(lunarNewYear(2053)).toBe('2053-02-18');
    expect(lunarNewYear(1985)).toBe('1985-01-21');
  });

  it('puts Giỗ Tổ Hùng Vương on 10/3 âm lịch: Sunday 26/4/2026 and Friday 16/4/2027', () => {
    expect(hungKingsDay(2026)).toBe('2026-04-26');
    expect(weekdayName('2026-04-26')).toBe('Chủ nhật');
    expect(hungKingsDay(2027)).toBe('2027-04-16');
    expect(weekdayName('2027-04-16')).toBe('Thứ Sáu');
  });
});

describe('a deadline in working days', () => {
  it('skips the weekend: Friday plus one working day is Monday', () => {
    const days = calendar();
    expect(days.dayInfo('2026-03-07')).toMatchObject({ working: false, reason: 'Thứ Bảy' });
    expect(days.dayInfo('2026-03-08')).toMatchObject({ working: false, reason: 'Chủ nhật' });
    expect(days.dayInfo('2026-03-09')).toMatchObject({ working: true, reason: 'Ngày làm việc', source: null });
    expect(days.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(days.addWorkingDays('2026-03-09', -1)).toBe('2026-03-06');
    expect(days.addWorkingDays('2026-03-07', 0)).toBe('2026-03-09');
    expect(days.addWorkingDays('2026-03-06', 0)).toBe('2026-03-06');
    expect(days.addWorkingDays('2026-03-02', 10)).toBe('2026-03-16');
  });

  it('lands a two-day deadline given on Thursday 12/2/2026 on Monday 23/2, after the Tết break', () => {
    const days = calendar();
    expect(days.addWorkingDays('2026-02-12', 2)).toBe('2026-02-23');
    for (let day = 14; day <= 22; day++) {
      const info = days.dayInfo(`2026-02-${day}`);
      expect(info, `${day}/2`).toMatchObject({ working: false, reason: 'Tết Nguyên Đán' });
    }
    expect(days.workingDaysBetween('2026-02-12', '2026-02-23')).toBe(2);
  });

  it('works Saturday 10/1/2026 in exchange for Friday 2/1 (CV 12729/VPCP-KGVX)', () => {
    const days = calendar();
    expect(days.dayInfo('2026-01-02')).toMatchObject({ working: false, reason: matching.stringContaining('hoán đổi') });
    expect(days.dayInfo('2026-01-10')).toMatchObject({
      working: true,
      reason: 'Làm bù cho Thứ Sáu 02/01/2026 (Tết Dương lịch)',
      source: matching.stringContaining('12729/VPCP-KGVX'),
    });
    expect(days.addWorkingDays('2025-12-31', 1)).toBe('2026-01-05');
    expect(days.addWorkingDays('2026-01-09', 1)).toBe('2026-01-10');
    expect(days.addWorkingDays('2026-01-10', 1)).toBe('2026-01-12');
  });

  it('rests on the Quốc khánh break of 2026, Saturday 29/8 to Wednesday 2/9, and works Saturday 22/8', () => {
    const days = calendar();
    expect(days.isWorkingDay('2026-08-22')).toBe(true);
    for (const day of ['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02'])
      expect(days.isWorkingDay(day), day).toBe(false);
    expect(days.addWorkingDays('2026-08-28', 1)).toBe('2026-09-03');
  });

  it('rests on 24/11, Ngày Văn hóa Việt Nam, from 2026 but not in 2025', () => {
    const days = calendar();
    expect(days.dayInfo('2026-11-24')).toMatchObject({
      working: false,
      reason: 'Ngày Văn hóa Việt Nam',
      source: matching.stringContaining('28/2026/QH16'),
    });
    expect(days.dayInfo('2025-11-24')).toMatchObject({ working: true, reason: 'Ngày làm việc' });
    expect(days.addWorkingDays('2026-11-23', 1)).toBe('2026-11-25');
  });

  it('makes up Giỗ Tổ 2026, a Sunday, on Monday 27/4 (Art. 111.3)', () => {
    const days = calendar();
    expect(days.dayInfo('2026-04-26')).toMatchObject({ working: false, reason: 'Giỗ Tổ Hùng Vương' });
    expect(days.dayInfo('2026-04-27')).toMatchObject({
      working: false,
      reason: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      source: matching.stringContaining('111.3'),
    });
    // Friday 24/4 + 1: Monday is made up, Tuesday works, then 30/4 and 1/5.
    expect(days.addWorkingDays('2026-04-24', 1)).toBe('2026-04-28');
    expect(days.addWorkingDays('2026-04-24', 3)).toBe('2026-05-04');
  });

  it('counts back what it counted forward, across Tết and the new year', () => {
    const days = calendar();
    for (const from of ['2026-01-09', '2026-02-12', '2026-02-14', '2026-04-25', '2026-12-28', '2027-02-04']) {
      for (let n = 1; n <= 40; n++) {
        const to = days.addWorkingDays(from, n);
        expect(days.workingDaysBetween(from, to), `${from} + ${n}`).toBe(n);
        expect(days.workingDaysBetween(to, from), `${to} back to ${from}`).toBe(-n);
        expect(days.isWorkingDay(to)).toBe(true);
        if (days.isWorkingDay(from)) expect(days.addWorkingDays(to, -n)).toBe(from);
      }
    }
    expect(days.workingDaysBetween('2026-03-09', '2026-03-09')).toBe(0);
    // The 261 weekdays of 2026, less 10 holidays on weekdays, the 24/11, Giỗ Tổ's make-up and the
    // 2 swapped weekdays, plus the 2 Saturdays worked.
    expect(days.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(261 - 10 - 1 - 1 - 2 + 2);
  });

  it('says due soon for today and the next two working days, over a weekend and over Tết', () => {
    const days = calendar();
    // Friday 6/3/2026: Monday and Tuesday are the next two working days.
    expect(days.isDueSoon('2026-03-06', '2026-03-06')).toBe(true);
    expect(days.isDueSoon('2026-03-09', '2026-03-06')).toBe(true);
    expect(days.isDueSoon('2026-03-10', '2026-03-06')).toBe(true);
    expect(days.isDueSoon('2026-03-11', '2026-03-06')).toBe(false);
    expect(days.isDueSoon('2026-03-05', '2026-03-06')).toBe(false);
    expect(days.isDueSoon('2026-03-11', '2026-03-06', 3)).toBe(true);
    expect(days.isOverdue('2026-03-06', '2026-03-06')).toBe(false);
    expect(days.isOverdue('2026-03-06', '2026-03-07')).toBe(true);
    // Thursday 12/2/2026: Friday 13/2, then Tết, then Monday 23/2.
    expect(days.isDueSoon('2026-02-23', '2026-02-12')).toBe(true);
    expect(days.isDueSoon('2026-02-24', '2026-02-12')).toBe(false);
    expect(days.isOverdue('2026-02-13', '2026-02-16')).toBe(true);
    expect(days.isOverdue('2026-02-23', '2026-02-22')).toBe(false);
  });

  it('refuses a day that does not exist', () => {
    const days = calendar();
    expect(() => days.addWorkingDays('2026-02-30', 1)).toThrow(AppError);
    expect(() => days.isWorkingDay('12/02/2026')).toThrow(AppError);
    expect(() => days.addWorkingDays('2026-02-12', 1.5)).toThrow(AppError);
  });
});

describe('a year without a notice', () => {
  it('says 2027 is estimated and places Tết on the last day of Bính Ngọ and mùng 1–4, with make-ups', () => {
    const days = calendar();
    expect(days.yearStatus(2026)).toBe('notice');
    expect(days.yearStatus(2027)).toBe('estimated');
    for (const day of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'])
      expect(days.dayInfo(day), day).toMatchObject({ working: false, reason: 'Tết Nguyên Đán' });
    // Mùng 1 and 2 fall on the weekend: made up on Wednesday 10 and Thursday 11.
    expect(days.dayInfo('2027-02-10').reason).toBe('Nghỉ bù Tết Nguyên Đán');
    expect(days.dayInfo('2027-02-11').reason).toBe('Nghỉ bù Tết Nguyên Đán');
    expect(days.addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
    // 2/9/2027 is a Thursday: the second day is Friday 3/9, joining the weekend.
    expect(estimatedSecondNationalDay(2027)).toBe('2027-09-03');
    expect(days.dayInfo('2027-09-03')).toMatchObject({ working: false, reason: 'Quốc khánh' });
  });
});

describe('the days the clerk adds', () => {
  it('counts an added Saturday worked and an added day off, in the next calendar made', () => {
    const core = freshStore();
    const before = workingCalendar(core.db);
    expect(before.addWorkingDays('2027-01-08', 1)).toBe('2027-01-11');
    // Made-up test data, not a real notice.
    putCalendarDay(core.db, {
      day: '2027-01-09',
      kind: 'work',
      note: 'Làm bù (thử nghiệm)',
      source: 'Thông báo giả định',
      addedAt: '2026-12-01T02:00:00.000Z',
    });
    putCalendarDay(core.db, {
      day: '2027-01-11',
      kind: 'off',
      note: 'Nghỉ (thử nghiệm)',
      source: null,
      addedAt: '2026-12-01T02:00:00.000Z',
    });
    // A calendar answers from what it read once; the next one sees the additions.
    expect(before.addWorkingDays('2027-01-08', 1)).toBe('2027-01-11');
    const after = workingCalendar(core.db);
    expect(after.addWorkingDays('2027-01-08', 1)).toBe('2027-01-09');
    expect(after.addWorkingDays('2027-01-08', 2)).toBe('2027-01-12');
    expect(after.dayInfo('2027-01-09')).toEqual({
      working: true,
      reason: 'Làm bù (thử nghiệm)',
      source: 'Thông báo giả định',
      added: true,
    });
    expect(after.workingDaysBetween('2027-01-08', '2027-01-12')).toBe(2);
    // An added day overrides a computed holiday too.
    putCalendarDay(core.db, {
      day: '2026-04-27',
      kind: 'work',
      note: 'Đi làm (thử nghiệm)',
      source: null,
      addedAt: '2026-12-01T02:00:00.000Z',
    });
    expect(workingCalendar(core.db).addWorkingDays('2026-04-24', 1)).toBe('2026-04-27');
  });
});
