// The officials and the handling of documents on the command line. Every
// command acts as the official named by --as (or the desk's own official).
import path from 'node:path';
import { personRoles, type PersonRole } from '../../shared/handling.ts';
import { command, int, list, noExtra, positional, required, str, type Command, type ParsedValues } from './args.ts';
import * as handlingFormat from './format-handling.ts';
import { stdinLine } from './stdin-lines.ts';
import { UsageError } from './usage-error.ts';

function role(values: ParsedValues): PersonRole | undefined {
  const value = str(values, 'role');
  if (value === undefined) return undefined;
  if (!(personRoles as readonly string[]).includes(value))
    throw new UsageError(`--role phải là một trong: ${personRoles.join(', ')}`);
  return value as PersonRole;
}

/** A new password, on the stdin line after the acting official's own (when --password-stdin is given too). */
function newPassword(values: ParsedValues): Promise<string> {
  return stdinLine(values['password-stdin'] === true ? 1 : 0, 'mật khẩu mới');
}

/** --due <yyyy-mm-dd> or --due-days <N working days>, exactly one. */
function deadline(values: ParsedValues): { dueOn: string } | { dueInWorkingDays: number } {
  const dueOn = str(values, 'due');
  const days = int(values, 'due-days');
  if ((dueOn === undefined) === (days === undefined)) throw new UsageError('cần đúng một trong --due hoặc --due-days');
  return dueOn !== undefined ? { dueOn } : { dueInWorkingDays: days! };
}

const note = (values: ParsedValues) => ({ note: str(values, 'note') });
const noteOption = { note: { type: 'string' } } as const;
const deadlineOptions = { due: { type: 'string' }, 'due-days': { type: 'string' } } as const;

/** One document, one step: `vanthu receive <doc> [--note …]` and its kin. */
function step(
  usage: string,
  summary: string,
  handler: 'handling.receive' | 'handling.progress' | 'drafts.approve',
): Command {
  return command({
    usage,
    summary,
    options: noteOption,
    handler,
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản'), ...note(v) }),
    text: handlingFormat.handling,
  });
}

/** A leader's answer to an extension asked: `vanthu extend grant|refuse <doc>`. */
function decide(grant: boolean): Command {
  return command({
    usage: `extend ${grant ? 'grant' : 'refuse'} <mã văn bản> [--note …]`,
    summary: grant ? 'Đồng ý gia hạn như đề nghị (lãnh đạo)' : 'Không đồng ý gia hạn (lãnh đạo)',
    options: noteOption,
    handler: 'handling.decideExtension',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản'), grant, ...note(v) }),
    text: handlingFormat.handling,
  });
}

export const handlingCommands: Record<string, Command> = {
  'person add': command({
    usage:
      'person add "<họ tên>" --role leader|clerk|officer [--title "<chức vụ>"] [--unit "<đơn vị>"] [--new-password-stdin]',
    summary: 'Thêm cán bộ của cơ quan (văn thư quản lý danh sách)',
    options: {
      role: { type: 'string' },
      title: { type: 'string' },
      unit: { type: 'string' },
      'new-password-stdin': { type: 'boolean' },
    },
    handler: 'people.add',
    input: async (v, p) => (
      noExtra(p, 1),
      {
        name: positional(p, 0, 'họ tên'),
        role: role(v) ?? (required(v, 'role') as PersonRole),
        title: str(v, 'title'),
        unit: str(v, 'unit'),
        ...(v['new-password-stdin'] === true ? { password: await newPassword(v) } : {}),
      }
    ),
    text: handlingFormat.person,
  }),
  'person list': command({
    usage: 'person list [--all]',
    summary: 'Danh sách cán bộ (--all: cả người đã thôi)',
    options: { all: { type: 'boolean' } },
    handler: 'people.list',
    input: (v, p) => (noExtra(p, 0), { includeInactive: v.all === true }),
    text: handlingFormat.people,
  }),
  'person edit': command({
    usage: 'person edit <cán bộ> [--name …] [--title …] [--unit …] [--role leader|clerk|officer]',
    summary: 'Sửa thông tin cán bộ',
    options: {
      name: { type: 'string' },
      title: { type: 'string' },
      unit: { type: 'string' },
      role: { type: 'string' },
    },
    handler: 'people.edit',
    input: (v, p) => (
      noExtra(p, 1),
      {
        person: positional(p, 0, 'cán bộ'),
        name: str(v, 'name'),
        title: str(v, 'title'),
        unit: str(v, 'unit'),
        role: role(v),
      }
    ),
    text: handlingFormat.person,
  }),
  'person deactivate': command({
    usage: 'person deactivate <cán bộ>',
    summary: 'Cho cán bộ thôi làm việc (lịch sử giữ nguyên)',
    options: {},
    handler: 'people.deactivate',
    input: (_v, p) => (noExtra(p, 1), { person: positional(p, 0, 'cán bộ') }),
    text: handlingFormat.person,
  }),
  'person password': command({
    usage: 'person password <cán bộ> [--clear] (mật khẩu mới đọc từ đầu vào chuẩn)',
    summary: 'Đặt, đổi hoặc bỏ mật khẩu của cán bộ',
    options: { clear: { type: 'boolean' } },
    handler: 'people.setPassword',
    input: async (v, p) => (
      noExtra(p, 1),
      { person: positional(p, 0, 'cán bộ'), password: v.clear === true ? null : await newPassword(v) }
    ),
    text: handlingFormat.person,
  }),
  'person enroll-code': command({
    usage: 'person enroll-code <cán bộ>',
    summary: 'Tạo mã cài đặt máy riêng của cán bộ (văn thư; máy phải đã kết nối máy chủ của tỉnh)',
    options: {},
    handler: 'people.enrollCode',
    input: (_v, p) => (noExtra(p, 1), { id: positional(p, 0, 'cán bộ') }),
    text: handlingFormat.enrollCode,
  }),
  submit: command({
    usage: 'submit <mã văn bản> --to <lãnh đạo> [--note …]',
    summary: 'Trình văn bản đến lãnh đạo cho ý kiến chỉ đạo',
    options: { to: { type: 'string' }, ...noteOption },
    handler: 'handling.submit',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản'), to: required(v, 'to'), ...note(v) }),
    text: handlingFormat.handling,
  }),
  direct: command({
    usage: 'direct <mã văn bản> --note "<ý kiến chỉ đạo>"',
    summary: 'Ghi ý kiến chỉ đạo (lãnh đạo)',
    options: noteOption,
    handler: 'handling.direct',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản'), note: required(v, 'note') }),
    text: handlingFormat.handling,
  }),
  assign: command({
    usage:
      'assign <mã văn bản> --main <cán bộ> [--with <cán bộ>]… [--inform <cán bộ>]… --due <yyyy-mm-dd>|--due-days <số ngày làm việc> [--note "<ý kiến chỉ đạo>"]',
    summary: 'Giao xử lý: một người xử lý chính, người phối hợp, người để biết, hạn xử lý (lãnh đạo)',
    options: {
      main: { type: 'string' },
      with: { type: 'string', multiple: true },
      inform: { type: 'string', multiple: true },
      ...deadlineOptions,
      ...noteOption,
    },
    handler: 'handling.assign',
    input: (v, p) => (
      noExtra(p, 1),
      {
        id: positional(p, 0, 'mã văn bản'),
        main: required(v, 'main'),
        with: list(v, 'with'),
        inform: list(v, 'inform'),
        ...deadline(v),
        ...note(v),
      }
    ),
    text: handlingFormat.handling,
  }),
  receive: step('receive <mã văn bản> [--note …]', 'Nhận văn bản được giao xử lý', 'handling.receive'),
  progress: step('progress <mã văn bản> [--note …]', 'Báo đang xử lý', 'handling.progress'),
  complete: command({
    usage: 'complete <mã văn bản> [--note "<kết quả>"] [--reply <mã dự thảo trả lời>]',
    summary: 'Báo hoàn thành xử lý, kèm dự thảo văn bản trả lời nếu có',
    options: { reply: { type: 'string' }, ...noteOption },
    handler: 'handling.complete',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản'), ...note(v), replyDraftId: str(v, 'reply') }),
    text: handlingFormat.handling,
  }),
  return: command({
    usage: 'return <mã văn bản> --note "<lý do>"',
    summary: 'Trả lại văn bản được giao (nêu lý do)',
    options: noteOption,
    handler: 'handling.return',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản'), reason: required(v, 'note') }),
    text: handlingFormat.handling,
  }),
  extend: command({
    usage: 'extend <mã văn bản> --due <yyyy-mm-dd>|--due-days <số ngày làm việc> --reason "<lý do>"',
    summary: 'Xin gia hạn (người xử lý chính) hoặc gia hạn ngay (lãnh đạo)',
    options: { ...deadlineOptions, reason: { type: 'string' } },
    handler: 'handling.extend',
    input: (v, p) => {
      noExtra(p, 1);
      return { id: positional(p, 0, 'mã văn bản'), ...deadline(v), reason: required(v, 'reason') };
    },
    text: handlingFormat.handling,
  }),
  'extend grant': decide(true),
  'extend refuse': decide(false),
  'task list': command({
    usage: 'task list',
    summary: 'Việc của tôi: văn bản được giao, chờ chỉ đạo, duyệt hoặc ký, sắp đến hạn, quá hạn',
    options: {},
    handler: 'tasks.list',
    input: (_v, p) => (noExtra(p, 0), {}),
    text: handlingFormat.tasks,
  }),
  'draft submit': command({
    usage: 'draft submit <mã dự thảo> --to <lãnh đạo> [--note …]',
    summary: 'Trình lãnh đạo duyệt và ký dự thảo',
    options: { to: { type: 'string' }, ...noteOption },
    handler: 'drafts.submit',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã dự thảo'), to: required(v, 'to'), ...note(v) }),
    text: handlingFormat.handling,
  }),
  'draft approve': step('draft approve <mã dự thảo> [--note …]', 'Duyệt dự thảo (lãnh đạo)', 'drafts.approve'),
  'draft return': command({
    usage: 'draft return <mã dự thảo> --note "<ý kiến>"',
    summary: 'Trả lại dự thảo kèm ý kiến (lãnh đạo)',
    options: noteOption,
    handler: 'drafts.return',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã dự thảo'), comments: required(v, 'note') }),
    text: handlingFormat.handling,
  }),
  'draft revise': command({
    usage: 'draft revise <mã dự thảo> <tệp.pdf> [--note …]',
    summary: 'Dự thảo lần tiếp: thay tệp PDF, bản cũ được giữ trong lịch sử',
    options: noteOption,
    handler: 'drafts.revise',
    input: (v, p) => (
      noExtra(p, 2),
      { id: positional(p, 0, 'mã dự thảo'), file: { path: path.resolve(positional(p, 1, 'tệp PDF')) }, ...note(v) }
    ),
    text: handlingFormat.handling,
  }),
};
