// The CLI's commands: each maps its arguments to one handler of the API table
// and its result to text. No logic of the office lives here.
import path from 'node:path';
import type { HandlerInput } from '../../shared/api.ts';
import fs from 'node:fs';
import * as format from './format.ts';
import * as signingFormat from './format-signing.ts';
import * as syncFormat from './format-sync.ts';
import { calendarCommands } from './commands-calendar.ts';
import { handlingCommands } from './commands-handling.ts';
import { reportCommands } from './commands-report.ts';
import { readPin } from './pin.ts';
import { UsageError } from './usage-error.ts';
import {
  command,
  str,
  ocrMode,
  required,
  list,
  int,
  number,
  modules,
  positional,
  noExtra,
  type Command,
  type OptionSpec,
  type ParsedValues,
} from './args.ts';

// Paths are resolved here, against the directory the command was typed in.
const optionalFile = (positionals: string[]) => {
  noExtra(positionals, 1);
  return positionals[0] === undefined ? {} : { file: { path: path.resolve(positionals[0]) } };
};

function direction(values: ParsedValues): 'incoming' | 'outgoing' | undefined {
  if (values.incoming && values.outgoing) throw new UsageError('chọn một trong --incoming hoặc --outgoing');
  return values.incoming ? 'incoming' : values.outgoing ? 'outgoing' : undefined;
}

const listOptions: Record<string, OptionSpec> = {
  incoming: { type: 'boolean' },
  outgoing: { type: 'boolean' },
  year: { type: 'string' },
  type: { type: 'string' },
  urgency: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  overdue: { type: 'boolean' },
  limit: { type: 'string' },
  offset: { type: 'string' },
};
const searchOptions: Record<string, OptionSpec> = {
  ...listOptions,
  sort: { type: 'string' },
  prefix: { type: 'boolean' },
};

function searchFilters(values: ParsedValues) {
  return {
    direction: direction(values),
    year: int(values, 'year'),
    type: str(values, 'type'),
    urgency: str(values, 'urgency') as HandlerInput<'documents.search'>['urgency'],
    from: str(values, 'from'),
    to: str(values, 'to'),
    overdue: values.overdue === true,
    limit: int(values, 'limit'),
    offset: int(values, 'offset'),
  };
}

export const commands: Record<string, Command> = {
  ...handlingCommands,
  ...calendarCommands,
  ...reportCommands,
  init: command({
    usage: 'init --agency <mã định danh> --name <tên cơ quan> [--abbr UBND] [--unit VP]',
    summary: 'Khởi tạo cơ quan trên máy này',
    options: {
      agency: { type: 'string' },
      name: { type: 'string' },
      abbr: { type: 'string' },
      unit: { type: 'string' },
    },
    handler: 'office.init',
    input: (v, p) => {
      noExtra(p, 0);
      return {
        agencyCode: required(v, 'agency'),
        name: required(v, 'name'),
        abbreviation: str(v, 'abbr'),
        defaultUnit: str(v, 'unit'),
      };
    },
    text: format.office,
  }),
  status: command({
    usage: 'status',
    summary: 'Thư mục dữ liệu, cơ quan và số văn bản đang lưu',
    options: {},
    handler: 'office.status',
    input: (_v, p) => (noExtra(p, 0), {}),
    text: format.status,
  }),
  'office set': command({
    usage:
      'office set [--agency <mã định danh>] [--name <tên cơ quan>] [--abbr <chữ viết tắt>] [--unit <đơn vị soạn thảo>]',
    summary: 'Sửa thông tin của cơ quan (mã định danh không đổi được khi máy đã kết nối với máy chủ của tỉnh)',
    options: {
      agency: { type: 'string' },
      name: { type: 'string' },
      abbr: { type: 'string' },
      unit: { type: 'string' },
    },
    handler: 'office.update',
    input: (v, p) => {
      noExtra(p, 0);
      return {
        agencyCode: str(v, 'agency'),
        name: str(v, 'name'),
        abbreviation: str(v, 'abbr'),
        defaultUnit: str(v, 'unit'),
      };
    },
    text: format.office,
  }),
  'incoming add': command({
    usage:
      'incoming add [tệp.pdf] --from <cơ quan ban hành> --number <số/ký hiệu> --issued <yyyy-mm-dd> --type <mã loại> --subject <trích yếu> [--urgency thuong|khan|thuong-khan|hoa-toc] [--secrecy thuong|mat|toi-mat|tuyet-mat] [--arrived <yyyy-mm-dd>] [--due <yyyy-mm-dd>] [--recipient <đơn vị nhận>] [--notes <ghi chú>] [--issuer-code <mã>] [--pages <số trang>] [--allow-duplicate] [--confirm-future] [--no-ocr]',
    summary: 'Vào sổ văn bản đến',
    options: {
      from: { type: 'string' },
      number: { type: 'string' },
      issued: { type: 'string' },
      type: { type: 'string' },
      subject: { type: 'string' },
      urgency: { type: 'string' },
      secrecy: { type: 'string' },
      arrived: { type: 'string' },
      due: { type: 'string' },
      recipient: { type: 'string' },
      notes: { type: 'string' },
      'issuer-code': { type: 'string' },
      pages: { type: 'string' },
      'allow-duplicate': { type: 'boolean' },
      'confirm-future': { type: 'boolean' },
      'no-ocr': { type: 'boolean' },
    },
    handler: 'incoming.register',
    input: (v, p) => ({
      ...optionalFile(p),
      issuerName: required(v, 'from'),
      issuerCode: str(v, 'issuer-code'),
      notation: required(v, 'number'),
      issuedOn: required(v, 'issued'),
      type: required(v, 'type'),
      subject: required(v, 'subject'),
      urgency: str(v, 'urgency') as HandlerInput<'incoming.register'>['urgency'],
      secrecy: str(v, 'secrecy') as HandlerInput<'incoming.register'>['secrecy'],
      arrivedOn: str(v, 'arrived'),
      dueOn: str(v, 'due'),
      recipientUnit: str(v, 'recipient'),
      notes: str(v, 'notes'),
      pageCount: int(v, 'pages'),
      allowDuplicate: v['allow-duplicate'] === true,
      confirmFutureIssuedOn: v['confirm-future'] === true,
      ocr: ocrMode(v),
    }),
    text: format.document,
  }),
  'incoming read': command({
    usage: 'incoming read <tệp.pdf> [--no-ocr]',
    summary: 'Đọc số/ký hiệu, ngày, cơ quan ban hành, loại và trích yếu từ tệp PDF (nhận dạng chữ nếu là bản quét)',
    options: { 'no-ocr': { type: 'boolean' } },
    handler: 'incoming.prefill',
    input: (v, p) => {
      noExtra(p, 1);
      return { file: { path: path.resolve(positional(p, 0, 'tệp PDF')) }, ocr: v['no-ocr'] !== true };
    },
    text: format.prefill,
  }),
  'outgoing draft': command({
    usage:
      'outgoing draft [tệp.pdf] --type <mã loại> --subject <trích yếu> [--to <mã định danh>]... [--place <nơi nhận>]... [--unit <đơn vị soạn thảo>] [--signer <người ký>] [--signer-title <chức vụ>] [--urgency …] [--secrecy …] [--due <yyyy-mm-dd>] [--copies <n>] [--archive <đơn vị lưu>] [--notes <ghi chú>] [--no-ocr]',
    summary: 'Tạo dự thảo văn bản đi',
    options: {
      type: { type: 'string' },
      subject: { type: 'string' },
      to: { type: 'string', multiple: true },
      place: { type: 'string', multiple: true },
      unit: { type: 'string' },
      signer: { type: 'string' },
      'signer-title': { type: 'string' },
      urgency: { type: 'string' },
      secrecy: { type: 'string' },
      due: { type: 'string' },
      copies: { type: 'string' },
      archive: { type: 'string' },
      notes: { type: 'string' },
      'no-ocr': { type: 'boolean' },
    },
    handler: 'outgoing.draft',
    input: (v, p) => {
      // "--to A B C" as well as "--to A --to B" or "--to A,B": with --to, the
      // arguments that are not a .pdf are more recipients.
      const to = list(v, 'to');
      const isPdf = (arg: string) => arg.toLowerCase().endsWith('.pdf');
      const codes = [...to, ...(to.length ? p.filter((arg) => !isPdf(arg)) : [])].flatMap((code) => code.split(','));
      return {
        ...optionalFile(to.length ? p.filter(isPdf) : p),
        type: required(v, 'type'),
        subject: required(v, 'subject'),
        recipients: [
          ...codes.filter(Boolean).map((agencyCode) => ({ agencyCode })),
          ...list(v, 'place').map((name) => ({ name })),
        ],
        draftingUnit: str(v, 'unit'),
        signerName: str(v, 'signer'),
        signerTitle: str(v, 'signer-title'),
        urgency: str(v, 'urgency') as HandlerInput<'outgoing.draft'>['urgency'],
        secrecy: str(v, 'secrecy') as HandlerInput<'outgoing.draft'>['secrecy'],
        dueOn: str(v, 'due'),
        copies: int(v, 'copies'),
        archiveUnit: str(v, 'archive'),
        notes: str(v, 'notes'),
        ocr: ocrMode(v),
      };
    },
    text: format.document,
  }),
  'outgoing issue': command({
    usage: 'outgoing issue <mã văn bản> [--date <yyyy-mm-dd>]',
    summary: 'Cấp số cho văn bản đi',
    options: { date: { type: 'string' } },
    handler: 'outgoing.issue',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản'), issuedOn: str(v, 'date') }),
    text: format.document,
  }),
  connect: command({
    usage: 'connect <địa chỉ máy chủ> <mã đăng ký>',
    summary: 'Kết nối máy này với máy chủ văn bản của tỉnh',
    options: {},
    handler: 'sync.connect',
    input: (_v, p) => (
      noExtra(p, 2),
      { url: positional(p, 0, 'địa chỉ máy chủ'), code: positional(p, 1, 'mã đăng ký') }
    ),
    text: syncFormat.connected,
  }),
  sync: command({
    usage: 'sync',
    summary: 'Đồng bộ ngay: gửi văn bản đi, nhận văn bản đến',
    options: {},
    handler: 'sync.run',
    input: (_v, p) => (noExtra(p, 0), { trigger: 'manual' as const }),
    text: syncFormat.result,
    exitCode: (output) => (output.outcome === 'failed' ? 1 : 0),
  }),
  'sync status': command({
    usage: 'sync status',
    summary: 'Xem hàng đợi đồng bộ và các lần đồng bộ gần đây',
    options: {},
    handler: 'sync.status',
    input: (_v, p) => (noExtra(p, 0), {}),
    text: syncFormat.status,
  }),
  'sync schedule': command({
    usage: 'sync schedule --hour <giờ> [--minute <phút>]',
    summary: 'Đặt giờ đồng bộ hằng ngày',
    options: { hour: { type: 'string' }, minute: { type: 'string' } },
    handler: 'sync.configure',
    input: (v, p) => (noExtra(p, 0), { hour: int(v, 'hour') ?? Number.NaN, minute: int(v, 'minute') }),
    text: syncFormat.schedule,
  }),
  show: command({
    usage: 'show <mã văn bản>',
    summary: 'Xem một văn bản',
    options: {},
    handler: 'documents.get',
    input: (_v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản') }),
    text: format.document,
  }),
  edit: command({
    usage:
      'edit <mã văn bản> [--issuer <cơ quan ban hành>] [--issuer-code <mã>|""] [--notation <số/ký hiệu>] [--issued <ngày>] [--arrived <ngày>] [--type <mã loại>] [--secrecy …] [--subject …] [--urgency …] [--to <mã định danh>]… [--place <nơi nhận>]… [--due <ngày>|""] [--completed <ngày>|""] [--recipient …] [--handed <ngày>|""] [--receipt …] [--signer …] [--signer-title …] [--archive …] [--copies <n>] [--notes …] [--reason "<lý do sửa>"] [--confirm-future]',
    summary:
      'Sửa, bổ sung thông tin vào sổ (sửa văn bản đã vào sổ cần --reason; số đến / số đi không đổi; --to/--place thay cả danh sách nơi nhận)',
    options: {
      issuer: { type: 'string' },
      'issuer-code': { type: 'string' },
      notation: { type: 'string' },
      issued: { type: 'string' },
      arrived: { type: 'string' },
      type: { type: 'string' },
      secrecy: { type: 'string' },
      subject: { type: 'string' },
      urgency: { type: 'string' },
      to: { type: 'string', multiple: true },
      place: { type: 'string', multiple: true },
      due: { type: 'string' },
      completed: { type: 'string' },
      recipient: { type: 'string' },
      handed: { type: 'string' },
      receipt: { type: 'string' },
      signer: { type: 'string' },
      'signer-title': { type: 'string' },
      archive: { type: 'string' },
      copies: { type: 'string' },
      notes: { type: 'string' },
      reason: { type: 'string' },
      'confirm-future': { type: 'boolean' },
    },
    handler: 'documents.update',
    input: (v, p) => {
      noExtra(p, 1);
      // An empty value clears the field ("--completed ''" reopens a document).
      const cleared = (name: string) => {
        const value = str(v, name);
        return value === undefined ? undefined : value === '' ? null : value;
      };
      const codes = list(v, 'to')
        .flatMap((code) => code.split(','))
        .filter(Boolean);
      const places = list(v, 'place');
      return {
        id: positional(p, 0, 'mã văn bản'),
        issuerName: str(v, 'issuer'),
        issuerCode: cleared('issuer-code'),
        notation: str(v, 'notation'),
        issuedOn: str(v, 'issued'),
        arrivedOn: str(v, 'arrived'),
        type: str(v, 'type'),
        secrecy: str(v, 'secrecy') as HandlerInput<'documents.update'>['secrecy'],
        subject: str(v, 'subject'),
        urgency: str(v, 'urgency') as HandlerInput<'documents.update'>['urgency'],
        // Nơi nhận is replaced as a whole: the agencies given, then the places named.
        recipients:
          v.to === undefined && v.place === undefined
            ? undefined
            : [...codes.map((agencyCode) => ({ agencyCode })), ...places.map((name) => ({ name }))],
        dueOn: cleared('due'),
        completedOn: cleared('completed'),
        recipientUnit: str(v, 'recipient'),
        handedOn: cleared('handed'),
        handedReceipt: str(v, 'receipt'),
        signerName: str(v, 'signer'),
        signerTitle: str(v, 'signer-title'),
        archiveUnit: str(v, 'archive'),
        copies: int(v, 'copies'),
        notes: str(v, 'notes'),
        reason: str(v, 'reason'),
        confirmFutureIssuedOn: v['confirm-future'] === true,
      };
    },
    text: format.document,
  }),
  history: command({
    usage: 'history <mã văn bản>',
    summary: 'Nhật ký thao tác của một văn bản',
    options: {},
    handler: 'documents.history',
    input: (_v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã văn bản') }),
    text: format.history,
  }),
  list: command({
    usage:
      'list [--incoming|--outgoing] [--year <năm>] [--type …] [--urgency …] [--from …] [--to …] [--overdue] [--limit <n>] [--offset <n>]',
    summary: 'Liệt kê văn bản trong sổ, mới nhất trước',
    options: listOptions,
    handler: 'documents.search',
    // A register listing, not a search: show a whole year's worth unless told otherwise.
    input: (v, p) => (noExtra(p, 0), { query: '', ...searchFilters(v), limit: int(v, 'limit') ?? 1000, sort: 'date' }),
    text: format.results,
  }),
  search: command({
    usage:
      'search <từ khóa> [--incoming|--outgoing] [--year <năm>] [--type …] [--urgency …] [--from <ngày>] [--to <ngày>] [--overdue] [--sort relevance|date] [--prefix] [--limit <n>] [--offset <n>]',
    summary: 'Tìm văn bản, gõ không dấu cũng được',
    options: searchOptions,
    handler: 'documents.search',
    input: (v, p) => ({
      query: p.join(' '),
      ...searchFilters(v),
      sort: str(v, 'sort') as HandlerInput<'documents.search'>['sort'],
      prefix: v.prefix === true,
    }),
    text: format.results,
  }),
  'attachment add': command({
    usage: 'attachment add <mã văn bản> <tệp.pdf> [--appendix] [--no-ocr]',
    summary: 'Đính kèm tệp PDF (văn bản chính hoặc phụ lục)',
    options: { appendix: { type: 'boolean' }, 'no-ocr': { type: 'boolean' } },
    handler: 'attachments.add',
    input: (v, p) => {
      noExtra(p, 2);
      return {
        documentId: positional(p, 0, 'mã văn bản'),
        file: { path: path.resolve(positional(p, 1, 'tệp PDF')) },
        ...(v.appendix ? { role: 'appendix' as const } : {}),
        ocr: ocrMode(v),
      };
    },
    text: format.document,
  }),
  'attachment export': command({
    usage: 'attachment export <mã văn bản> --out <tệp> [--attachment <mã tệp>]',
    summary: 'Xuất tệp PDF đang lưu ra ngoài',
    options: { out: { type: 'string' }, attachment: { type: 'string' } },
    handler: 'attachments.export',
    input: (v, p) => (
      noExtra(p, 1),
      {
        documentId: positional(p, 0, 'mã văn bản'),
        out: path.resolve(required(v, 'out')),
        attachmentId: str(v, 'attachment'),
      }
    ),
    text: (output) => `Đã xuất ${output.filename} → ${output.out} (${output.size} byte, SHA-256 ${output.sha256})`,
  }),
  'workfile create': command({
    usage:
      'workfile create --title <tiêu đề hồ sơ> [--code <số ký hiệu>] [--year <năm>] [--keeper <người lập>] [--retention <thời hạn>] [--notes …]',
    summary: 'Mở hồ sơ công việc',
    options: {
      title: { type: 'string' },
      code: { type: 'string' },
      year: { type: 'string' },
      keeper: { type: 'string' },
      retention: { type: 'string' },
      notes: { type: 'string' },
    },
    handler: 'workFiles.create',
    input: (v, p) => (
      noExtra(p, 0),
      {
        title: required(v, 'title'),
        code: str(v, 'code'),
        year: int(v, 'year'),
        keeper: str(v, 'keeper'),
        retention: str(v, 'retention'),
        notes: str(v, 'notes'),
      }
    ),
    text: format.workFile,
  }),
  'workfile add': command({
    usage: 'workfile add <mã hồ sơ> <mã văn bản>',
    summary: 'Đưa văn bản vào hồ sơ',
    options: {},
    handler: 'workFiles.addDocument',
    input: (_v, p) => (
      noExtra(p, 2),
      { workFileId: positional(p, 0, 'mã hồ sơ'), documentId: positional(p, 1, 'mã văn bản') }
    ),
    text: format.workFile,
  }),
  'workfile remove': command({
    usage: 'workfile remove <mã hồ sơ> <mã văn bản>',
    summary: 'Bỏ văn bản khỏi hồ sơ',
    options: {},
    handler: 'workFiles.removeDocument',
    input: (_v, p) => (
      noExtra(p, 2),
      { workFileId: positional(p, 0, 'mã hồ sơ'), documentId: positional(p, 1, 'mã văn bản') }
    ),
    text: format.workFile,
  }),
  'workfile close': command({
    usage: 'workfile close <mã hồ sơ> [--date <yyyy-mm-dd>]',
    summary: 'Kết thúc hồ sơ',
    options: { date: { type: 'string' } },
    handler: 'workFiles.close',
    input: (v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã hồ sơ'), closedOn: str(v, 'date') }),
    text: format.workFile,
  }),
  'workfile show': command({
    usage: 'workfile show <mã hồ sơ>',
    summary: 'Xem hồ sơ và các văn bản trong đó',
    options: {},
    handler: 'workFiles.get',
    input: (_v, p) => (noExtra(p, 1), { id: positional(p, 0, 'mã hồ sơ') }),
    text: format.workFileWithDocuments,
  }),
  'workfile list': command({
    usage: 'workfile list [--year <năm>]',
    summary: 'Danh sách hồ sơ',
    options: { year: { type: 'string' } },
    handler: 'workFiles.list',
    input: (v, p) => (noExtra(p, 0), { year: int(v, 'year') }),
    text: (output) => (output.results.length ? output.results.map(format.workFile).join('\n\n') : 'Chưa có hồ sơ nào.'),
  }),
  reindex: command({
    usage: 'reindex [--no-ocr]',
    summary:
      'Đọc lại chữ của các tệp PDF còn thiếu: văn bản lưu từ phiên bản cũ, bản quét chờ nhận dạng chữ (OCR); cập nhật chỉ mục tìm kiếm',
    options: { 'no-ocr': { type: 'boolean' } },
    handler: 'documents.reread',
    input: (v, p) => (noExtra(p, 0), { ocr: v['no-ocr'] !== true }),
    text: format.reread,
  }),
  check: command({
    usage: 'check',
    summary: 'Kiểm tra toàn bộ dữ liệu: cơ sở dữ liệu, chỉ mục tìm kiếm, nhật ký và các tệp PDF đã lưu',
    options: {},
    handler: 'store.check',
    input: (_v, p) => (noExtra(p, 0), {}),
    text: format.storeCheck,
    exitCode: (output) => (output.ok ? 0 : 1),
  }),
  'audit verify': command({
    usage: 'audit verify',
    summary: 'Kiểm tra nhật ký thao tác không bị sửa',
    options: {},
    handler: 'audit.verify',
    input: (_v, p) => (noExtra(p, 0), {}),
    text: format.auditVerdict,
    exitCode: (output) => (output.ok ? 0 : 1),
  }),
  'token modules': command({
    usage: 'token modules [--module <tệp trình điều khiển>]…',
    summary: 'Các trình điều khiển token (PKCS#11) nạp được trên máy này',
    options: { module: { type: 'string', multiple: true } },
    handler: 'tokens.modules',
    input: (v, p) => (noExtra(p, 0), { modules: modules(v) }),
    text: signingFormat.modules,
  }),
  'token list': command({
    usage: 'token list [--module <tệp trình điều khiển>]…',
    summary: 'Các token đang cắm và tình trạng mã PIN',
    options: { module: { type: 'string', multiple: true } },
    handler: 'tokens.list',
    input: (v, p) => (noExtra(p, 0), { modules: modules(v) }),
    text: signingFormat.tokens,
  }),
  'token certs': command({
    usage: 'token certs [--all] [--module <tệp trình điều khiển>]…',
    summary: 'Chứng thư số dùng để ký trên các token đang cắm (--all: cả chứng thư không ký được, kèm lý do)',
    options: { module: { type: 'string', multiple: true }, all: { type: 'boolean' } },
    handler: 'tokens.certificates',
    input: (v, p) => (noExtra(p, 0), { modules: modules(v), all: v.all === true }),
    text: signingFormat.certificates,
  }),
  sign: command({
    usage:
      'sign <mã văn bản>… --cert <mã chứng thư> --kind personal|organization [--pin-stdin | --pin-pad] [--final-try] [--page <n> --x <điểm> --y <điểm>] [--module <tệp>]…',
    summary:
      'Ký số các văn bản đi (một lần nhập PIN cho cả lô); mã PIN đọc từ đầu vào chuẩn hoặc gõ ẩn, không bao giờ trên dòng lệnh',
    options: {
      cert: { type: 'string' },
      // Not --as, which names the official acting (every command takes it).
      kind: { type: 'string' },
      'pin-stdin': { type: 'boolean' },
      'pin-pad': { type: 'boolean' },
      'final-try': { type: 'boolean' },
      page: { type: 'string' },
      x: { type: 'string' },
      y: { type: 'string' },
      module: { type: 'string', multiple: true },
    },
    handler: 'sign.documents',
    input: async (v, p) => {
      if (p.length === 0) throw new UsageError('thiếu mã văn bản cần ký');
      const kind = required(v, 'kind');
      if (kind !== 'personal' && kind !== 'organization')
        throw new UsageError('--kind phải là personal (cá nhân) hoặc organization (cơ quan)');
      const placement =
        v.page === undefined && v.x === undefined && v.y === undefined
          ? undefined
          : { page: number(v, 'page'), x: number(v, 'x'), y: number(v, 'y') };
      const certId = required(v, 'cert');
      // After the acting official's password, when both come on stdin.
      const pin = v['pin-pad'] ? null : await readPin(v['pin-stdin'] === true, v['password-stdin'] === true ? 1 : 0);
      return {
        ids: p,
        certId,
        as: kind,
        pin,
        modules: modules(v),
        confirmFinalTry: v['final-try'] === true,
        ...(placement ? { placement } : {}),
      };
    },
    text: signingFormat.signBatch,
    exitCode: (output) => (output.stoppedAt ? 1 : 0),
  }),
  verify: command({
    usage: 'verify <tệp.pdf | mã văn bản> [--offline]',
    summary:
      'Kiểm tra chữ ký số của một tệp PDF, hoặc của mọi tệp của một văn bản trong sổ (thoát mã 1 nếu có chữ ký không hợp lệ hoặc chưa xác định)',
    options: { offline: { type: 'boolean' } },
    handler: 'verify',
    input: (v, p) => {
      noExtra(p, 1);
      const target = positional(p, 0, 'tệp PDF hoặc mã văn bản');
      const online = v.offline !== true;
      // A document id never contains a path separator or ends in .pdf; a file name usually does.
      return /[\\/]|\.pdf$/i.test(target) || fs.existsSync(target)
        ? { path: path.resolve(target), online }
        : { id: target, online };
    },
    text: signingFormat.verification,
    // A file with no signature is not "valid": only a fully verified document exits 0.
    exitCode: (output) =>
      output.files.length > 0 &&
      output.files.every(
        (file) => file.signatures.length > 0 && file.signatures.every((signature) => signature.status === 'valid'),
      )
        ? 0
        : 1,
  }),
  'trust add': command({
    usage: 'trust add <tệp chứng thư CA (.cer/.crt/.pem)>',
    summary: 'Tin cậy chứng thư gốc của một tổ chức cung cấp dịch vụ chữ ký số',
    options: {},
    handler: 'trust.add',
    input: (_v, p) => (noExtra(p, 1), { path: path.resolve(positional(p, 0, 'tệp chứng thư')) }),
    text: (output) => `Đã tin cậy:\n${signingFormat.trusted(output.added)}`,
  }),
  'trust list': command({
    usage: 'trust list',
    summary: 'Các chứng thư gốc đang được tin cậy',
    options: {},
    handler: 'trust.list',
    input: (_v, p) => (noExtra(p, 0), {}),
    text: (output) => signingFormat.trusted(output.certificates),
  }),
  'trust remove': command({
    usage: 'trust remove <dấu vân tay SHA-256, ít nhất 8 ký tự đầu>',
    summary: 'Thôi tin cậy một chứng thư gốc',
    options: {},
    handler: 'trust.remove',
    input: (_v, p) => (noExtra(p, 1), { sha256: positional(p, 0, 'dấu vân tay') }),
    text: (output) => `Đã bỏ: ${output.removed.subject}`,
  }),
  'crl import': command({
    usage: 'crl import <tệp CRL> [--url <địa chỉ phân phối CRL>]',
    summary: 'Nạp danh sách chứng thư bị thu hồi (CRL) từ tệp, để kiểm tra khi không có mạng',
    options: { url: { type: 'string' } },
    handler: 'crl.import',
    input: (v, p) => (
      noExtra(p, 1),
      { path: path.resolve(positional(p, 0, 'tệp CRL')), ...(str(v, 'url') ? { url: str(v, 'url') } : {}) }
    ),
    text: (output) =>
      `Đã nạp CRL ${output.url}, cập nhật ${output.thisUpdate}${output.nextUpdate ? `, hết hạn ${output.nextUpdate}` : ''}.`,
  }),
  'settings show': command({
    usage: 'settings show',
    summary: 'Cài đặt ký số: máy chủ dấu thời gian, trình điều khiển token, ảnh chữ ký và con dấu',
    options: {},
    handler: 'settings.get',
    input: (_v, p) => (noExtra(p, 0), {}),
    text: signingFormat.settings,
  }),
  'settings set': command({
    usage: 'settings set [--tsa <url> | --no-tsa] [--module <tệp trình điều khiển>]…',
    summary: 'Đặt máy chủ dấu thời gian và các trình điều khiển token',
    options: { tsa: { type: 'string' }, 'no-tsa': { type: 'boolean' }, module: { type: 'string', multiple: true } },
    handler: 'settings.update',
    input: (v, p) => {
      noExtra(p, 0);
      return {
        ...(v['no-tsa'] ? { tsaUrl: null } : str(v, 'tsa') !== undefined ? { tsaUrl: str(v, 'tsa') } : {}),
        ...(v.module !== undefined ? { modules: modules(v) } : {}),
      };
    },
    text: signingFormat.settings,
  }),
  'settings signature-image': command({
    usage: 'settings signature-image <ảnh.png> --signer <họ tên người ký>',
    summary: 'Ảnh chữ ký tay (PNG nền trong suốt, mực xanh) hiển thị trên chữ ký số của người ký',
    options: { signer: { type: 'string' } },
    handler: 'settings.signatureImage',
    input: (v, p) => (
      noExtra(p, 1),
      { path: path.resolve(positional(p, 0, 'tệp ảnh')), kind: 'signature' as const, signerName: required(v, 'signer') }
    ),
    text: signingFormat.settings,
  }),
  'settings seal-image': command({
    usage: 'settings seal-image <ảnh.png> [--size-mm <đường kính thật, mm>]',
    summary: 'Ảnh con dấu của cơ quan (PNG nền trong suốt, màu đỏ, đúng kích thước thật)',
    options: { 'size-mm': { type: 'string' } },
    handler: 'settings.signatureImage',
    input: (v, p) => (
      noExtra(p, 1),
      {
        path: path.resolve(positional(p, 0, 'tệp ảnh')),
        kind: 'seal' as const,
        ...(v['size-mm'] !== undefined ? { sizeMm: number(v, 'size-mm') } : {}),
      }
    ),
    text: signingFormat.settings,
  }),
};
