// The government's yearly arrangement of the holidays (domain §8.5): the Labour
// Code fixes how many days each holiday has, and each year the Prime Minister
// places the five Tết days and the second Quốc khánh day (Bộ luật Lao động 2019
// Art. 112.3) and agrees weekday/Saturday swaps for the public sector. The Văn
// phòng Chính phủ conveys the agreement, the Bộ Nội vụ notifies, provinces
// re-issue. This is the shipped table of those notices; a notice that arrives
// after a release is entered by the clerk (calendar_days) until the next one.
// Only what a notice says is here: a year that is missing is estimated by the
// rules in holidays.ts, and the calendar says so.

/** The holidays of Art. 112.1, and the 24/11 added by Nghị quyết 28/2026/QH16. */
export type HolidayKey = 'newYear' | 'tet' | 'victory' | 'labour' | 'nationalDay' | 'hungKings' | 'culture';

/** A weekday given off in exchange for a Saturday worked; binds the public sector only (§8.5, TB 109/TB-UBND). */
export interface Swap {
  off: string;
  work: string;
}

/** One holiday break as a notice announces it. */
export interface NoticedBreak {
  holiday: HolidayKey;
  /** The first and last day off, weekends included, as the notice writes the break. */
  from: string;
  to: string;
  /**
   * Where the notice puts the days the Code leaves to the Prime Minister: the
   * five Tết days, or the second Quốc khánh day. The rest of the break is
   * weekends, make-ups (Art. 111.3) and swaps.
   */
  placed?: string[];
  swaps: Swap[];
  source: string;
}

/** Bumped whenever a notice is added or corrected, so a build can say which table it ships. */
export const ARRANGEMENTS_VERSION = '2026.1';

const arrangements: Record<number, NoticedBreak[]> = {
  2026: [
    {
      holiday: 'newYear',
      from: '2026-01-01',
      to: '2026-01-04',
      swaps: [{ off: '2026-01-02', work: '2026-01-10' }],
      source: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ',
    },
    {
      holiday: 'tet',
      from: '2026-02-14',
      to: '2026-02-22',
      // The notice gives the break Sat 14/2 – Sun 22/2 and no swap: its five
      // weekdays are the five Tết days, 28 tháng Chạp (the last day of Ất Tỵ)
      // to mùng 4 Bính Ngọ.
      placed: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
      swaps: [],
      // The notice's number is not recorded in §8.5: the source is the press report of it.
      source: 'Lịch nghỉ Tết Bính Ngọ 2026 của cán bộ, công chức, viên chức (theo tin của báo Công an TP.HCM)',
    },
    {
      holiday: 'nationalDay',
      from: '2026-08-29',
      to: '2026-09-02',
      // Mon 31/8 is the swapped day, so the second Quốc khánh day is Tue 1/9.
      placed: ['2026-09-01'],
      swaps: [{ off: '2026-08-31', work: '2026-08-22' }],
      source: 'Thông báo 109/TB-UBND của UBND thành phố Cần Thơ (chuyển thông báo của Bộ Nội vụ)',
    },
  ],
};

/** The noticed breaks of a year; empty when the table has none. */
export function noticedBreaks(year: number): readonly NoticedBreak[] {
  return arrangements[year] ?? [];
}
