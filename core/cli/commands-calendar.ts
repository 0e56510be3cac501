// `vanthu calendar …`: the working-day calendar on the command line, in the
// shape of the command table of commands.ts (merged into it there). Its own
// small helpers, so that commands.ts can import this file without a cycle.
import type { CalendarDayView, CalendarHandlerName, CalendarInput, CalendarOutputs } from '../../shared/calendar.ts';
import { dayMonthYear } from '../../shared/dates.ts';
import { weekdayName } from '../workflow/holidays.ts';
import { UsageError } from './usage-error.ts';

type Values = Record<string, string | boolean | string[] | undefined>;

/** The same shape as commands.ts's Command, for the calendar's handlers. */
export interface CalendarCommand<K extends CalendarHandlerName> {
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  handler: K;
  input(values: Values, positionals: string[]): CalendarInput<K>;
  text(output: CalendarOutputs[K]): string;
}

function command<K extends CalendarHandlerName>(spec: CalendarCommand<K>): CalendarCommand<K> {
  return spec;
}

function str(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function required(values: Values, name: string): string {
  const value = str(values, name);
  if (value === undefined) throw new UsageError(`thiếu --${name}`);
  return value;
}

/** The one day the command is about: present, and nothing after it. */
function onlyDay(positionals: string[]): string {
  if (positionals[0] === undefined) throw new UsageError('thiếu ngày (yyyy-mm-dd)');
  if (positionals.length > 1) throw new UsageError(`thừa đối số: ${positionals.slice(1).join(' ')}`);
  return positionals[0];
}

function year(values: Values): number {
  const value = str(values, 'year');
  // The year the clerk is in, by this machine's clock, when none is named.
  if (value === undefined) return new Date().getFullYear();
  if (!/^\d{4}$/.test(value)) throw new UsageError('--year phải là năm có bốn chữ số, ví dụ 2026');
  return Number(value);
}

const kindLabel = { off: 'nghỉ', work: 'làm việc' } as const;

function dayLine(view: CalendarDayView): string {
  const added = view.added ? ` · đã thêm${view.source ? `, theo ${view.source}` : ''}` : '';
  const when = `${weekdayName(view.day)} ${dayMonthYear(view.day)}`;
  return `  ${when.padEnd(20)} ${kindLabel[view.kind].padEnd(9)} ${view.reason}${added}`;
}

/** "nghỉ — Tết Nguyên Đán": how a day stands, in one phrase. */
function standing(view: CalendarDayView): string {
  return `${kindLabel[view.kind]} — ${view.reason}`;
}

export const calendarCommands = {
  'calendar show': command({
    usage: 'calendar show [--year <năm>]',
    summary: 'Các ngày nghỉ lễ, Tết, nghỉ bù, làm bù và ngày đã thêm của một năm',
    options: { year: { type: 'string' } },
    handler: 'calendar.list',
    input: (v, p) => {
      if (p.length > 0) throw new UsageError(`thừa đối số: ${p.join(' ')}`);
      return { year: year(v) };
    },
    text: (output) =>
      [
        output.status === 'notice'
          ? `Lịch nghỉ năm ${output.year} (theo thông báo của Chính phủ):`
          : `Lịch nghỉ năm ${output.year} — CHƯA CÓ THÔNG BÁO của Chính phủ: các ngày nghỉ Tết và ngày nghỉ thứ hai dịp Quốc khánh đang được ước tính. Khi có thông báo, thêm từng ngày bằng "vanthu calendar add".`,
        ...output.days.map(dayLine),
      ].join('\n'),
  }),
  'calendar add': command({
    usage: 'calendar add <yyyy-mm-dd> --off|--work --note <ghi chú> [--source <văn bản thông báo>]',
    summary: 'Thêm ngày nghỉ hoặc ngày làm bù theo thông báo mới (thay ngày đã thêm trước đó nếu có)',
    options: {
      off: { type: 'boolean' },
      work: { type: 'boolean' },
      note: { type: 'string' },
      source: { type: 'string' },
    },
    handler: 'calendar.adjust',
    input: (v, p) => {
      if (v.off === v.work) throw new UsageError('chọn một trong --off (ngày nghỉ) hoặc --work (ngày làm việc)');
      return {
        day: onlyDay(p),
        kind: v.off ? ('off' as const) : ('work' as const),
        note: required(v, 'note'),
        source: str(v, 'source'),
      };
    },
    text: (output) =>
      `Đã thêm ${weekdayName(output.day.day)} ${dayMonthYear(output.day.day)}: ${standing(output.day)}. Trước đó: ${standing(output.before)}.`,
  }),
  'calendar remove': command({
    usage: 'calendar remove <yyyy-mm-dd>',
    summary: 'Xóa một ngày đã thêm vào lịch (ngày lễ, Tết theo luật không xóa được)',
    options: {},
    handler: 'calendar.remove',
    input: (_v, p) => ({ day: onlyDay(p) }),
    text: (output) =>
      `Đã xóa ngày đã thêm ${weekdayName(output.removed.day)} ${dayMonthYear(output.removed.day)}: ${standing(output.removed)}. Nay ngày này là: ${standing(output.now)}.`,
  }),
};
