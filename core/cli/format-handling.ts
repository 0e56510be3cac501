// Handling, officials and tasks as the CLI prints them, in the clerk's words.
import type { Outputs } from '../../shared/api.ts';
import { dayMonthYear, localDate } from '../../shared/dates.ts';
import type {
  EnrollCodeView,
  HandlingConflictEventView,
  HandlingConflictView,
  HandlingEventKind,
  HandlingState,
  HandlingView,
  PersonRole,
  PersonView,
  TaskRole,
} from '../../shared/handling.ts';

export const stateLabels: Record<HandlingState, string> = {
  registered: 'Chưa trình',
  submitted: 'Chờ ý kiến chỉ đạo',
  directed: 'Đã có ý kiến chỉ đạo',
  assigned: 'Đã giao, chờ nhận',
  received: 'Đã nhận',
  'in-progress': 'Đang xử lý',
  returned: 'Bị trả lại',
  completed: 'Hoàn thành',
  drafting: 'Đang soạn',
  'draft-submitted': 'Chờ duyệt',
  'draft-returned': 'Trả lại để sửa',
  approved: 'Đã duyệt',
};

const eventLabels: Record<HandlingEventKind, string> = {
  submitted: 'Trình',
  directed: 'Ý kiến chỉ đạo',
  assigned: 'Giao xử lý',
  received: 'Nhận xử lý',
  'in-progress': 'Đang xử lý',
  'extension-asked': 'Xin gia hạn',
  'extension-granted': 'Gia hạn',
  'extension-refused': 'Không cho gia hạn',
  returned: 'Trả lại',
  completed: 'Hoàn thành',
  'draft-submitted': 'Trình duyệt dự thảo',
  'draft-returned': 'Trả lại dự thảo',
  'draft-revised': 'Dự thảo lần tiếp',
  'draft-approved': 'Duyệt dự thảo',
};

const roleLabels: Record<PersonRole, string> = { clerk: 'văn thư', leader: 'lãnh đạo', officer: 'cán bộ' };
const taskRoleLabels: Record<TaskRole, string> = {
  main: 'xử lý chính',
  with: 'phối hợp',
  inform: 'để biết',
  approve: 'chờ duyệt/ký',
  direct: 'chờ chỉ đạo',
};

/** A moment as the clerk reads it: dd/mm/yyyy hh:mm on this PC's clock. */
function localTime(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${dayMonthYear(localDate(at))} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

export function person(view: PersonView): string {
  const details = [view.title, view.unit, roleLabels[view.role]].filter(Boolean).join(' · ');
  return `${view.name} (${details})${view.active ? '' : ' — đã thôi'}${view.hasPassword ? ' · có mật khẩu' : ''}\n  Mã: ${view.id}`;
}

export function people(output: Outputs['people.list']): string {
  return output.people.length === 0 ? 'Chưa có cán bộ nào.' : output.people.map(person).join('\n');
}

export function handling(view: HandlingView): string {
  const lines = [`Xử lý: ${stateLabels[view.state]}`];
  if (view.mainHandler) lines.push(`  Xử lý chính: ${view.mainHandler.name}`);
  if (view.with.length) lines.push(`  Phối hợp: ${view.with.map((p) => p.name).join(', ')}`);
  if (view.inform.length) lines.push(`  Để biết: ${view.inform.map((p) => p.name).join(', ')}`);
  if (view.waitingOn) lines.push(`  Đang chờ: ${view.waitingOn.name}`);
  if (view.dueOn)
    lines.push(`  Hạn xử lý: ${view.dueOn}${view.overdue ? ' (QUÁ HẠN)' : view.dueSoon ? ' (sắp đến hạn)' : ''}`);
  if (view.extensionAsked)
    lines.push(`  Xin gia hạn đến ${view.extensionAsked.dueOn}: ${view.extensionAsked.reason ?? ''}`);
  if (view.completedOn) lines.push(`  Hoàn thành ngày ${view.completedOn}${view.completedLate ? ' (quá hạn)' : ''}`);
  if (view.conflict) lines.push(...conflict(view.conflict));
  for (const event of view.events)
    lines.push(
      `  ${localTime(event.at)} ${eventLabels[event.kind]} — ${event.by.name}${event.note ? `: ${event.note}` : ''}`,
    );
  return lines.join('\n');
}

/** Concurrent decisions from desks that had not synced: each one, and which is in force until a leader decides again. */
function conflict(view: HandlingConflictView): string[] {
  const who = view.events.length === 2 ? 'Hai lãnh đạo' : 'Các lãnh đạo';
  const head =
    view.kind === 'assignment'
      ? `  CHÚ Ý: ${who} đã giao xử lý khác nhau khi các máy chưa đồng bộ. Đang theo lần giao sau cùng cho đến khi lãnh đạo giao lại:`
      : `  CHÚ Ý: ${who} đã quyết định gia hạn khác nhau khi các máy chưa đồng bộ. Đang theo quyết định sau cùng cho đến khi lãnh đạo quyết định lại:`;
  return [head, ...view.events.map((event) => `    - ${conflictLine(event)}${event.inForce ? ' (đang áp dụng)' : ''}`)];
}

function conflictLine(event: HandlingConflictEventView): string {
  const due = event.dueOn === null ? '' : dayMonthYear(event.dueOn);
  const what =
    event.kind === 'assigned'
      ? `giao ${event.main?.name ?? '?'} xử lý chính, hạn ${due}`
      : event.kind === 'extension-refused'
        ? 'không đồng ý gia hạn'
        : `gia hạn đến ${due}`;
  return `${localTime(event.at)} ${event.by.name} ${what}`;
}

export function enrollCode(view: EnrollCodeView): string {
  return [
    `Mã cài đặt máy cho ${view.person.name}: ${view.code}`,
    `  Dùng một lần, đến ${localTime(view.expiresAt)}.`,
    `  Trên máy của ${view.person.name}: mở vanthu, vào Cài đặt › Máy chủ của tỉnh và đăng ký, nhập địa chỉ máy chủ`,
    `  ${view.hubUrl} và mã đăng ký trên rồi bấm Kết nối (dòng lệnh: vanthu connect ${view.hubUrl} ${view.code}).`,
    `  Từ đó máy ấy chỉ làm việc dưới tên ${view.person.name}, không cần mật khẩu.`,
  ].join('\n');
}

export function tasks(output: Outputs['tasks.list']): string {
  const c = output.counts;
  const head = `Việc của ${output.person.name}: ${c.total} văn bản · được giao ${c.assigned} · chờ chỉ đạo/duyệt ${c.waiting} · sắp đến hạn ${c.dueSoon} · quá hạn ${c.overdue}`;
  const rows = output.tasks.map(
    (t) =>
      `  [${taskRoleLabels[t.role]}] ${t.notation ?? (t.registerNumber === null ? '' : `số đến ${t.registerNumber}`)} ${t.subject} — ${stateLabels[t.state]}${t.dueOn ? ` · hạn ${t.dueOn}` : ''}${t.overdue ? ' (QUÁ HẠN)' : ''}\n    Mã: ${t.documentId}`,
  );
  return [head, ...rows].join('\n');
}
