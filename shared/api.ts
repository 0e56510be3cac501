// The contract between every caller (CLI, Electron IPC, browser mode) and core:
// one zod schema per handler input and the shape of what comes back. Core
// validates every input against these before it touches anything.
import { z } from 'zod';
import type {
  CertificateInfo,
  ModuleReportView,
  NumberMissing,
  SignatureRecordView,
  SignatureVerdict,
  SignBatchResult,
  TokenCertificateView,
  TokenView,
} from './signing.ts';
import type { DeliveryStatusView, SyncConnectView, SyncResultView, SyncScheduleView, SyncStatusView } from './sync.ts';
import { secrecies, urgencies, type Direction, type Secrecy, type TextSource, type Urgency } from './domain.ts';

import { calendarSchemas, type CalendarOutputs } from './calendar.ts';
import { handlingReportSchemas, type HandlingReportOutputs } from './handling-report.ts';
import {
  handlingSchemas,
  handlingStates,
  type HandlingOutputs,
  type HandlingState,
  type HandlingView,
} from './handling.ts';
import { absolutePath, calendarDate, fileInput, id, optionalText, text } from './fields.ts';
// Agency codes (mã định danh) are opaque: provinces re-coded communes in 2025,
// so nothing may depend on their inner structure.
const agencyCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'Mã định danh chỉ gồm chữ, số, dấu chấm, gạch ngang' });

export { fileInput, type FileInput } from './fields.ts';

const modulePaths = z.array(absolutePath).max(20).default([]);
const certificateId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8,64}$/, { message: 'Mã chứng thư số gồm ít nhất 8 chữ số hệ 16 (0-9, a-f)' });
// The PIN travels from the dialog (or stdin) to C_Login and nowhere else; the
// schema only bounds it. PKCS#11 PINs are printable text, at most 64 bytes here.
const pin = z.string().min(1).max(64).nullable();
const placement = z.strictObject({
  page: z.number().int().min(1).max(10_000),
  x: z.number().min(0).max(14_400),
  y: z.number().min(0).max(14_400),
});
const fingerprintPrefix = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8,64}$/, { message: 'Nhập ít nhất 8 ký tự đầu (0-9, a-f) của dấu vân tay SHA-256' });

// Small files the UI uploads as bytes in browser mode, where it has no path:
// a CA certificate, a signature or seal image.
const MAX_CERTIFICATE_BYTES = 1024 * 1024;
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const uploadedFile = (maxBytes: number) =>
  z.strictObject({
    base64: z
      .string()
      .min(1)
      .max(Math.ceil((maxBytes * 4) / 3) + 4, { message: 'Tệp quá lớn' })
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: 'Nội dung tệp phải mã hóa base64' }),
    filename: text(255),
  });
const signatureImageFields = {
  kind: z.enum(['signature', 'seal']),
  /** Whose handwritten signature; required for kind "signature". */
  signerName: text(100).optional(),
  /** The seal's real diameter. */
  sizeMm: z.number().min(10).max(80).optional(),
};

/** Nơi nhận: agencies by their code, or places named in words ("Lưu: VT"). */
const recipientList = z.array(z.union([z.strictObject({ agencyCode }), z.strictObject({ name: text(300) })])).max(500);

/**
 * What to do with pages that have no usable text: `wait` reads them by OCR before the call
 * returns; `later` stores the file at once and OCR follows in the background.
 */
const ocrMode = z.enum(['wait', 'later']).default('wait');

export const schemas = {
  ...handlingSchemas,
  ...handlingReportSchemas,
  ...calendarSchemas,
  'office.init': z.strictObject({
    agencyCode,
    name: text(200),
    abbreviation: text(30).default('UBND'),
    defaultUnit: text(30).default('VP'),
  }),
  'office.status': z.strictObject({}),

  'incoming.register': z.strictObject({
    file: fileInput.optional(),
    issuerName: text(200),
    issuerCode: agencyCode.optional(),
    notation: text(60),
    issuedOn: calendarDate,
    type: text(20),
    subject: text(2000),
    urgency: z.enum(urgencies).default('thuong'),
    secrecy: z.enum(secrecies).default('thuong'),
    arrivedOn: calendarDate.optional(),
    dueOn: calendarDate.optional(),
    recipientUnit: optionalText(200),
    notes: optionalText(2000),
    pageCount: z.number().int().positive().max(100_000).optional(),
    allowDuplicate: z.boolean().default(false),
    /** The clerk confirmed a ngày văn bản later than today. */
    confirmFutureIssuedOn: z.boolean().default(false),
    ocr: ocrMode,
  }),

  'outgoing.draft': z.strictObject({
    file: fileInput.optional(),
    type: text(20),
    subject: text(2000),
    recipients: recipientList.default([]),
    urgency: z.enum(urgencies).default('thuong'),
    secrecy: z.enum(secrecies).default('thuong'),
    draftingUnit: optionalText(30),
    signerName: optionalText(100),
    signerTitle: optionalText(100),
    dueOn: calendarDate.optional(),
    copies: z.number().int().positive().max(10_000).optional(),
    archiveUnit: optionalText(200),
    notes: optionalText(2000),
    ocr: ocrMode,
  }),
  'outgoing.issue': z.strictObject({ id, issuedOn: calendarDate.optional() }),

  'documents.get': z.strictObject({ id }),
  'documents.update': z.strictObject({
    id,
    issuerName: text(200).optional(),
    issuerCode: agencyCode.nullable().optional(),
    notation: text(60).optional(),
    issuedOn: calendarDate.optional(),
    arrivedOn: calendarDate.optional(),
    type: text(20).optional(),
    secrecy: z.enum(secrecies).optional(),
    recipients: recipientList.optional(),
    /** Why a register entry is corrected: kept in the history and the audit chain beside the old and new values. */
    reason: optionalText(500),
    /** The clerk confirmed a ngày văn bản later than today (a letter dated ahead happens; a typo is likelier). */
    confirmFutureIssuedOn: z.boolean().default(false),
    subject: text(2000).optional(),
    urgency: z.enum(urgencies).optional(),
    dueOn: calendarDate.nullable().optional(),
    completedOn: calendarDate.nullable().optional(),
    recipientUnit: optionalText(200),
    handedOn: calendarDate.nullable().optional(),
    handedReceipt: optionalText(200),
    signerName: optionalText(100),
    signerTitle: optionalText(100),
    archiveUnit: optionalText(200),
    copies: z.number().int().positive().max(10_000).optional(),
    notes: optionalText(2000),
  }),
  'documents.history': z.strictObject({ id }),
  'documents.search': z.strictObject({
    query: z.string().max(500).default(''),
    /** Search as you type: the last word may be the start of a word. */
    prefix: z.boolean().default(false),
    direction: z.enum(['incoming', 'outgoing']).optional(),
    year: z.number().int().min(1900).max(2200).optional(),
    type: text(20).optional(),
    urgency: z.enum(urgencies).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    overdue: z.boolean().default(false),
    sort: z.enum(['relevance', 'date']).default('relevance'),
    limit: z.number().int().min(1).max(10_000).default(50),
    offset: z.number().int().min(0).default(0),
  }),

  'attachments.add': z.strictObject({
    documentId: id,
    file: fileInput,
    role: z.enum(['main', 'appendix']).optional(),
    ocr: ocrMode,
  }),
  'attachments.export': z.strictObject({
    documentId: id,
    attachmentId: id.optional(),
    out: absolutePath,
  }),

  'workFiles.create': z.strictObject({
    title: text(500),
    code: optionalText(50),
    year: z.number().int().min(1900).max(2200).optional(),
    keeper: optionalText(100),
    retention: optionalText(100),
    notes: optionalText(2000),
  }),
  'workFiles.get': z.strictObject({ id }),
  'workFiles.list': z.strictObject({ year: z.number().int().min(1900).max(2200).optional() }),
  'workFiles.addDocument': z.strictObject({ workFileId: id, documentId: id }),
  'workFiles.removeDocument': z.strictObject({ workFileId: id, documentId: id }),
  'workFiles.close': z.strictObject({ id, closedOn: calendarDate.optional() }),

  'audit.verify': z.strictObject({}),
  'tokens.modules': z.strictObject({ modules: modulePaths }),
  /** The drivers `tokens.modules` would load, listed at once without loading any: Settings shows them, then probes. */
  'tokens.drivers': z.strictObject({ modules: modulePaths }),
  /** Loads one driver in a host of its own and says what it is: one line of the Settings list, filled in. */
  'tokens.probe': z.strictObject({ path: absolutePath }),
  'tokens.list': z.strictObject({ modules: modulePaths }),
  'tokens.certificates': z.strictObject({ modules: modulePaths, all: z.boolean().default(false) }),
  'sign.documents': z.strictObject({
    ids: z
      .array(id)
      .min(1)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'Mỗi văn bản chỉ chọn một lần trong một lô ký' }),
    certId: certificateId,
    as: z.enum(['personal', 'organization']),
    pin,
    modules: modulePaths,
    placement: placement.optional(),
    /** The token is on its last PIN try and the user said they are sure of the PIN. */
    confirmFinalTry: z.boolean().default(false),
  }),
  // A PDF on disk (received by mail, on a USB stick) or the files of a document in the store.
  verify: z.union([
    z.strictObject({ path: absolutePath, online: z.boolean().default(true) }),
    z.strictObject({ id, online: z.boolean().default(true) }),
  ]),
  'trust.add': z.union([z.strictObject({ path: absolutePath }), uploadedFile(MAX_CERTIFICATE_BYTES)]),
  'trust.list': z.strictObject({}),
  'trust.remove': z.strictObject({ sha256: fingerprintPrefix }),
  'crl.import': z.strictObject({
    path: absolutePath,
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  }),
  'settings.get': z.strictObject({}),
  'settings.update': z.strictObject({
    // No user:password@ in the address: settings and their audit rows are not a place for secrets.
    tsaUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), {
        message: 'Địa chỉ máy chủ dấu thời gian không được chứa tên đăng nhập hay mật khẩu',
      })
      .nullable()
      .optional(),
    modules: z.array(absolutePath).max(20).optional(),
  }),
  'settings.signatureImage': z.union([
    z.strictObject({ path: absolutePath, ...signatureImageFields }),
    uploadedFile(MAX_IMAGE_BYTES).extend(signatureImageFields),
  ]),
  'store.check': z.strictObject({}),
  'sync.connect': z.strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), {
        message: 'Địa chỉ máy chủ không được chứa tên đăng nhập hay mật khẩu',
      }),
    code: z.string().trim().min(8).max(64),
  }),
  'sync.run': z.strictObject({ trigger: z.enum(['manual', 'schedule', 'line-up']).default('manual') }),
  'sync.status': z.strictObject({}),
  'sync.configure': z.strictObject({
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59).default(0),
  }),

  // What the desktop UI reads besides the CLI's operations.
  /** One window of a register, in register order (newest first), for a virtualized table. */
  'documents.list': z.strictObject({
    view: z.enum(['incoming', 'outgoing', 'drafts']),
    year: z.number().int().min(1900).max(2200).optional(),
    type: text(20).optional(),
    urgency: z.enum(urgencies).optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    overdue: z.boolean().default(false),
    /** Handling: where the documents stand, who handles them, due by when. */
    handlingState: z.enum(handlingStates).optional(),
    mainHandler: id.optional(),
    dueBy: calendarDate.optional(),
    /** Words to find within the view (folded like search: no diacritics, đ→d); "" or absent: all. */
    query: z.string().max(200).optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  /** The years that hold documents in a register view, newest first: the year filter offers only these. */
  'documents.years': z.strictObject({ view: z.enum(['incoming', 'outgoing', 'drafts']) }),
  /** Issuers to suggest as the clerk types: those already in the register, then the province's directory. */
  'issuers.suggest': z.strictObject({
    query: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(50).default(10),
  }),
  /** The office's own details, corrected in Settings. */
  'office.update': z.strictObject({
    agencyCode: agencyCode.optional(),
    name: text(200).optional(),
    abbreviation: text(30).optional(),
    defaultUnit: text(30).optional(),
  }),
  /**
   * What the PDF's own text says, to pre-fill the incoming form, and any document it seems to repeat.
   * `ocr: false` reads only the text layer: a scan then pre-fills nothing.
   */
  'incoming.prefill': z.strictObject({ file: fileInput, ocr: z.boolean().default(true) }),
  /** Stops the OCR the window is waiting on; what it was for goes on without it. */
  'ocr.cancel': z.strictObject({}),
  /** Reads the text the store owes: letters read before the current page reading, scans left for OCR. */
  'documents.reread': z.strictObject({ ocr: z.boolean().default(true) }),
  'agencies.list': z.strictObject({ query: z.string().max(200).default('') }),
  /** A document's PDF bytes, for the viewer. */
  /** The file as it is, or one of its earlier versions (by its SHA-256, from `versions`). */
  'attachments.read': z.strictObject({
    documentId: id,
    attachmentId: id.optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
  'dashboard.stats': z.strictObject({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng phải có dạng yyyy-mm' })
      .optional(),
  }),
  /** A register for a date range, with the Decree 30 columns, as a file to save. */
  'registers.export': z
    .strictObject({
      register: z.enum(['incoming', 'outgoing']),
      from: calendarDate,
      to: calendarDate,
      format: z.enum(['pdf', 'xlsx']),
    })
    .refine((value) => value.from <= value.to, { message: 'Ngày bắt đầu phải trước ngày kết thúc', path: ['to'] }),
} as const;

export type HandlerName = keyof typeof schemas;
export type HandlerInput<K extends HandlerName> = z.input<(typeof schemas)[K]>;
export type ValidInput<K extends HandlerName> = z.output<(typeof schemas)[K]>;

export interface OfficeView {
  agencyCode: string;
  name: string;
  abbreviation: string;
  defaultUnit: string;
}

export interface NumberOnFileView {
  /** `written`: drawn into the file's blank when issued; `printed`: the file already showed it; `missing`: it does not. */
  number: 'written' | 'printed' | 'missing';
  date: 'written' | 'printed' | 'missing';
  /** Why the number or the date is not on the file; null when the file carries both. */
  why: NumberMissing | null;
  /** What the clerk is told when either is missing, in Vietnamese; null when the file carries both. */
  note: string | null;
  /** The Số line and the date line as the file now reads. */
  lines: string[];
}

export interface AttachmentView {
  id: string;
  role: 'main' | 'appendix';
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  /** Where its searchable text came from, and why some of it could not be read. */
  textSource: TextSource;
  textNote: string | null;
  /**
   * The file's earlier states, oldest first: each draft before its revision, the file before
   * each signature or the number written onto it. `replacedBy` says what replaced it.
   */
  versions: { version: number; sha256: string; replacedAt: string; replacedBy: string }[];
}

export interface RecipientView {
  agencyCode: string | null;
  name: string | null;
}

export interface DocumentView {
  id: string;
  direction: Direction;
  state: 'registered' | 'draft' | 'issued';
  type: string;
  typeName: string;
  subject: string;
  /** Số, ký hiệu as written on the document: "15/UBND-VP", "05/QĐ-UBND". */
  notation: string | null;
  /** Outgoing: the number this office issued it (số văn bản). */
  number: number | null;
  issuedOn: string | null;
  issuerName: string | null;
  issuerCode: string | null;
  registerName: string | null;
  /** Số đến (incoming) or số đi (outgoing) in its register, and the register's year. */
  registerNumber: number | null;
  registerYear: number | null;
  arrivedOn: string | null;
  filedOn: string;
  urgency: Urgency;
  secrecy: Secrecy;
  dueOn: string | null;
  completedOn: string | null;
  overdue: boolean;
  recipientUnit: string | null;
  handedOn: string | null;
  handedReceipt: string | null;
  signerName: string | null;
  signerTitle: string | null;
  draftingUnit: string | null;
  archiveUnit: string | null;
  copies: number | null;
  pageCount: number | null;
  notes: string | null;
  duplicateOf: string | null;
  recipients: RecipientView[];
  /** Recipients' status messages (đã đến, đã vào sổ…), oldest first. */
  deliveries: DeliveryStatusView[];
  attachments: AttachmentView[];
  /**
   * An issued outgoing document: whether its main file shows its số/ký hiệu and date (written into
   * the blanks when it was issued, or printed already); null for drafts, incoming documents, and
   * documents issued before this was recorded.
   */
  numberOnFile: NumberOnFileView | null;
  createdAt: string;
  updatedAt: string;
}

export interface WorkFileView {
  id: string;
  code: string | null;
  title: string;
  year: number;
  keeper: string | null;
  retention: string | null;
  openedOn: string;
  closedOn: string | null;
  notes: string | null;
  documentCount: number;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  /** The official who acted, when the agency lists its officials. */
  person: { id: string; name: string; title: string | null } | null;
  action: string;
  detail: unknown;
}

export interface Outputs extends HandlingOutputs, CalendarOutputs, HandlingReportOutputs {
  'office.init': OfficeView;
  'office.status': {
    dataDir: string;
    office: OfficeView | null;
    counts: { incoming: number; outgoing: number; drafts: number };
  };
  'incoming.register': DocumentView;
  'outgoing.draft': DocumentView;
  'outgoing.issue': DocumentView;
  'documents.get': DocumentView & {
    workFiles: { id: string; code: string | null; title: string }[];
    /** Null until the document is first submitted, assigned or (a draft) sent for approval. */
    handling: HandlingView | null;
  };
  'documents.update': DocumentView;
  'documents.history': { entries: AuditEntryView[] };
  'documents.search': { results: DocumentView[]; hasMore: boolean };
  'attachments.add': DocumentView;
  'attachments.export': { out: string; size: number; sha256: string; filename: string };
  'workFiles.create': WorkFileView;
  'workFiles.get': WorkFileView & { documents: DocumentView[] };
  'workFiles.list': { results: WorkFileView[] };
  'workFiles.addDocument': WorkFileView;
  'workFiles.removeDocument': WorkFileView;
  'workFiles.close': WorkFileView;
  'tokens.modules': { modules: ModuleReportView[] };
  'tokens.drivers': {
    drivers: {
      path: string;
      /** `argument`: named by the caller; `settings`: chosen in Settings; `built-in`: where a known brand installs it. */
      source: ModuleReportView['source'];
      /** Whether the file is on this machine; a driver that is not cannot load. */
      exists: boolean;
    }[];
  };
  'tokens.probe': ModuleReportView;
  'tokens.list': { tokens: TokenView[] };
  'tokens.certificates': { certificates: TokenCertificateView[] };
  'sign.documents': SignBatchResult;
  verify: {
    path: string | null;
    documentId: string | null;
    /** The file's signatures, or those of the document's main file. */
    signatures: SignatureVerdict[];
    files: { attachmentId: string | null; filename: string; sha256: string; signatures: SignatureVerdict[] }[];
    /** Signatures this office made on the document, from the store. */
    signed: SignatureRecordView[];
  };
  'trust.add': { added: CertificateInfo[] };
  'trust.list': { certificates: CertificateInfo[] };
  'trust.remove': { removed: CertificateInfo };
  'crl.import': { url: string; thisUpdate: string; nextUpdate: string | null };
  'sync.connect': SyncConnectView;
  'sync.run': SyncResultView;
  'sync.status': SyncStatusView;
  'sync.configure': SyncScheduleView;
  'settings.get': SettingsView;
  'settings.update': SettingsView;
  'settings.signatureImage': SettingsView;
  'documents.list': { total: number; offset: number; rows: RegisterRowView[] };
  'documents.years': { years: number[] };
  'issuers.suggest': {
    results: {
      name: string;
      code: string | null;
      /** `register`: written in this office's registers (`uses` times); `directory`: the province's agency list. */
      source: 'register' | 'directory';
      uses: number;
    }[];
  };
  'office.update': OfficeView;
  'incoming.prefill': PrefillView;
  'ocr.cancel': { cancelled: number };
  'documents.reread': {
    reread: number;
    ocred: number;
    unreadable: number;
    remaining: number;
    /** Another process (the app, another terminal) was already reading. */
    busy: boolean;
  };
  'agencies.list': { agencies: AgencyView[] };
  'attachments.read': {
    attachmentId: string;
    filename: string;
    mime: string;
    size: number;
    sha256: string;
    base64: string;
  };
  'dashboard.stats': DashboardView;
  'registers.export': { filename: string; mime: string; rows: number; base64: string };
  'store.check': {
    ok: boolean;
    database: { ok: boolean; problems: string[] };
    searchIndex: { ok: boolean };
    audit: Outputs['audit.verify'];
    pdfs: { checked: number; missing: string[]; corrupt: string[]; unreferenced: number };
    /** The handling state and parties as stored, against what the events say: the documents that differ. */
    handling: { ok: boolean; checked: number; mismatched: string[] };
  };
  'audit.verify': {
    ok: boolean;
    rows: number;
    /** The seq of the first row whose content or link no longer holds. */
    firstBrokenRow: number | null;
    reason: 'hash-mismatch' | 'chain-broken' | 'sequence-gap' | null;
  };
}

/** One line of a register table: what the Decree 30 columns show, nothing more. */
export interface RegisterRowView {
  id: string;
  direction: Direction;
  state: DocumentView['state'];
  registerNumber: number | null;
  registerYear: number | null;
  arrivedOn: string | null;
  filedOn: string;
  notation: string | null;
  issuedOn: string | null;
  issuerName: string | null;
  type: string;
  typeName: string;
  subject: string;
  urgency: Urgency;
  secrecy: Secrecy;
  dueOn: string | null;
  completedOn: string | null;
  overdue: boolean;
  recipientUnit: string | null;
  /** Outgoing: the recipients' names, joined for the "nơi nhận" column. */
  recipients: string | null;
  signerName: string | null;
  handedOn: string | null;
  copies: number | null;
  /** Đơn vị, người nhận bản lưu (outgoing). */
  archiveUnit: string | null;
  notes: string | null;
  attachmentCount: number;
  /** Signatures this office or the sender put on the main file, as recorded in the store. */
  signatureCount: number;
  /** Handling, when it has begun: its state, the main handler and the handling deadline. */
  handlingState: HandlingState | null;
  mainHandler: string | null;
  handlingDueOn: string | null;
}

export interface AgencyView {
  code: string;
  name: string;
  parentCode: string | null;
  level: number | null;
}

export interface PrefillView {
  /** Fields read from the PDF's text layer; null where the text does not say. */
  notation: string | null;
  issuedOn: string | null;
  issuerName: string | null;
  issuerCode: string | null;
  /** Tên cơ quan chủ quản: the agency the header names above the issuer, kept apart from it. */
  parentName: string | null;
  type: string | null;
  subject: string | null;
  pageCount: number;
  /** False when nothing could be read: a scan OCR could not read, or whose OCR was stopped. */
  hasText: boolean;
  /** Where the fields were read from: the PDF's text layer, OCR of a scan, or nowhere. */
  textSource: 'pdf' | 'ocr' | 'none';
  /** Documents already registered with the same issuer, số/ký hiệu and date. */
  duplicates: {
    id: string;
    registerNumber: number | null;
    registerYear: number | null;
    arrivedOn: string | null;
    subject: string;
  }[];
}

export interface DashboardView {
  month: string;
  receivedThisMonth: number;
  sentThisMonth: number;
  /** Open documents whose deadline fell this year (1 January to yesterday), whatever `month` is. */
  overdue: number;
  /** Of outgoing documents issued this month: share with a digital signature, 0–100, null when none. */
  signedDigitallyPercent: number | null;
  /** Of outgoing documents issued this month: share handed to the hub for electronic delivery, 0–100, null when none. */
  sentElectronicallyPercent: number | null;
  /** The twelve months ending with `month`, oldest first. */
  byMonth: { month: string; received: number; sent: number }[];
  byUrgency: Record<Urgency, number>;
}

export interface SettingsView {
  tsaUrl: string | null;
  modules: string[];
  images: {
    owner: string;
    kind: 'signature' | 'seal';
    widthPx: number;
    heightPx: number;
    sizeMm: number | null;
    updatedAt: string;
  }[];
}

/** Progress that core reports while a long operation runs. */
export type CoreEvent =
  | { type: 'sign.progress'; index: number; total: number; documentId: string; notation: string | null }
  | {
      type: 'sync.progress';
      direction: 'up' | 'down';
      documentId: string;
      label: string;
      bytesDone: number;
      bytesTotal: number;
      /** Across the whole run's uploads (downloads: this document only). */
      overallDone: number;
      overallTotal: number;
      /** Seconds left at the measured rate; null until the line has been measured. */
      etaSeconds: number | null;
    }
  | { type: 'sync.phase'; phase: 'directory' | 'push' | 'pull' | 'done' }
  /** The hub has stored this change: the document is on its way to its recipients. */
  | { type: 'sync.sent'; documentId: string; label: string; op: 'document.issue' | 'status.send' | 'document.update' }
  /** OCR of a file's scanned pages: pages read so far, of how many. */
  | { type: 'ocr.progress'; label: string; done: number; total: number }
  /** The store reading the text it owes (after an upgrade, or OCR left for later): PDFs done, of how many. */
  | { type: 'reading.progress'; done: number; total: number };

// A handler without an output type, or an output without a schema, fails the build.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const contractIsComplete: Exact<keyof Outputs, HandlerName> = true;
