// Domain constants of the commune document office (Decree 30/2020/NĐ-CP).

/** The largest PDF accepted: a 200-page scan at 200 dpi fits well within it. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export const directions = ['incoming', 'outgoing'] as const;
export type Direction = (typeof directions)[number];

// Độ khẩn (Appendix I §III.2), in the order sync must send them: most urgent first.
export const urgencies = ['hoa-toc', 'thuong-khan', 'khan', 'thuong'] as const;
export type Urgency = (typeof urgencies)[number];
export const urgencyLabels: Record<Urgency, string> = {
  'hoa-toc': 'Hỏa tốc',
  'thuong-khan': 'Thượng khẩn',
  khan: 'Khẩn',
  thuong: 'Thường',
};

// Độ mật; anything but "thuong" is numbered in the secret series (Art. 15.1).
export const secrecies = ['thuong', 'mat', 'toi-mat', 'tuyet-mat'] as const;
export type Secrecy = (typeof secrecies)[number];

/**
 * Where a PDF's searchable text came from: its own text layer, OCR of pages that had
 * none, nothing usable (a scan OCR could not read), or OCR still to come.
 */
export const textSources = ['pdf', 'ocr', 'none', 'pending'] as const;
export type TextSource = (typeof textSources)[number];
export const secrecyLabels: Record<Secrecy, string> = {
  thuong: 'Thường',
  mat: 'Mật',
  'toi-mat': 'Tối mật',
  'tuyet-mat': 'Tuyệt mật',
};

export interface DocumentType {
  /** Stable ASCII key, stored in the database and typed on the command line. */
  key: string;
  /** Abbreviation in the notation (Appendix III); null for công văn, which has none. */
  abbreviation: string | null;
  name: string;
}

// Appendix III of Decree 30. Keys are the abbreviation without diacritics,
// except where two abbreviations fold to the same letters (ĐA/DA, HĐ/HD).
export const documentTypes: readonly DocumentType[] = [
  { key: 'CV', abbreviation: null, name: 'Công văn' },
  { key: 'NQ', abbreviation: 'NQ', name: 'Nghị quyết' },
  { key: 'QD', abbreviation: 'QĐ', name: 'Quyết định' },
  { key: 'CT', abbreviation: 'CT', name: 'Chỉ thị' },
  { key: 'QC', abbreviation: 'QC', name: 'Quy chế' },
  { key: 'QYD', abbreviation: 'QyĐ', name: 'Quy định' },
  { key: 'TC', abbreviation: 'TC', name: 'Thông cáo' },
  { key: 'TB', abbreviation: 'TB', name: 'Thông báo' },
  { key: 'HD', abbreviation: 'HD', name: 'Hướng dẫn' },
  { key: 'CTR', abbreviation: 'CTr', name: 'Chương trình' },
  { key: 'KH', abbreviation: 'KH', name: 'Kế hoạch' },
  { key: 'PA', abbreviation: 'PA', name: 'Phương án' },
  { key: 'DEAN', abbreviation: 'ĐA', name: 'Đề án' },
  { key: 'DA', abbreviation: 'DA', name: 'Dự án' },
  { key: 'BC', abbreviation: 'BC', name: 'Báo cáo' },
  { key: 'BB', abbreviation: 'BB', name: 'Biên bản' },
  { key: 'TTR', abbreviation: 'TTr', name: 'Tờ trình' },
  { key: 'HOPDONG', abbreviation: 'HĐ', name: 'Hợp đồng' },
  { key: 'CD', abbreviation: 'CĐ', name: 'Công điện' },
  { key: 'BGN', abbreviation: 'BGN', name: 'Bản ghi nhớ' },
  { key: 'BTT', abbreviation: 'BTT', name: 'Bản thỏa thuận' },
  { key: 'GUQ', abbreviation: 'GUQ', name: 'Giấy ủy quyền' },
  { key: 'GM', abbreviation: 'GM', name: 'Giấy mời' },
  { key: 'GGT', abbreviation: 'GGT', name: 'Giấy giới thiệu' },
  { key: 'GNP', abbreviation: 'GNP', name: 'Giấy nghỉ phép' },
  { key: 'PG', abbreviation: 'PG', name: 'Phiếu gửi' },
  { key: 'PC', abbreviation: 'PC', name: 'Phiếu chuyển' },
  { key: 'PB', abbreviation: 'PB', name: 'Phiếu báo' },
  { key: 'SY', abbreviation: 'SY', name: 'Bản sao y' },
  { key: 'TRS', abbreviation: 'TrS', name: 'Bản trích sao' },
  { key: 'SL', abbreviation: 'SL', name: 'Bản sao lục' },
];

/**
 * Finds a type by key ("QD", "qd", "CTr") or by its abbreviation as written
 * ("QĐ", "HĐ"). The exact abbreviation wins, so "HD" is Hướng dẫn and "HĐ" is
 * Hợp đồng.
 */
export function findDocumentType(input: string): DocumentType | undefined {
  const text = input.trim().normalize('NFC');
  return (
    documentTypes.find((type) => type.abbreviation === text) ??
    documentTypes.find((type) => type.key === text.toUpperCase()) ??
    documentTypes.find((type) => type.abbreviation?.toUpperCase() === text.toUpperCase())
  );
}

/**
 * The office's own mã định danh in the form of Decision 20/2020/QĐ-TTg
 * (shared/domain/vietnam-office.md §2): V1V2V3.Z1Z2.Y1Y2.M1X1X2 — three digits,
 * two digits, the level-2 unit, then the province letter and two digits, as in
 * 000.00.31.H56. The level-2 group may hold three digits: since 1 July 2025
 * communes sit directly under the province, which counts more than 99 of them
 * (Thanh Hóa 166), so provinces number them 001–999 there (000.01.861.H56).
 * Only the office's own code is held to this form; the codes of other agencies
 * (issuers, recipients, the hub's directory) stay opaque, since old and
 * re-coded forms travel side by side.
 */
export const OFFICE_AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2,3}\.[A-Z]\d{2}$/;

/**
 * What a register line copies from the document itself (Decree 30, Appendix
 * IV): once the entry has its số đến or số đi, changing any of these is a
 * correction of the register and needs a reason. What the office adds while it
 * handles the document (hạn giải quyết, ngày chuyển, ký nhận, đơn vị nhận,
 * ngày xong, ghi chú, bản lưu, số bản) is filled in as the work goes, without one.
 */
export const registerFields = [
  'issuerName',
  'issuerCode',
  'notation',
  'issuedOn',
  'arrivedOn',
  'type',
  'secrecy',
  'urgency',
  'subject',
  'recipients',
  'signerName',
  'signerTitle',
] as const;
