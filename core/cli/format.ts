// Human-readable output of the CLI, in Vietnamese like the registers themselves.
import type { DocumentView, OfficeView, Outputs, WorkFileView } from '../../shared/api.ts';
import { secrecyLabels, urgencyLabels } from '../../shared/domain.ts';
import type { HandlingView } from '../../shared/handling.ts';
import { handling } from './format-handling.ts';

export function office(view: OfficeView): string {
  return `Cơ quan: ${view.name} (mã định danh ${view.agencyCode}, viết tắt ${view.abbreviation}, đơn vị soạn thảo mặc định ${view.defaultUnit})`;
}

export function status(view: Outputs['office.status']): string {
  return [
    `Thư mục dữ liệu: ${view.dataDir}`,
    view.office ? office(view.office) : 'Chưa khởi tạo cơ quan: chạy "vanthu init --agency <mã> --name <tên>".',
    `Văn bản đến: ${view.counts.incoming} · văn bản đi đã cấp số: ${view.counts.outgoing} · dự thảo: ${view.counts.drafts}`,
    'Xem các lệnh: vanthu --help',
  ].join('\n');
}

function registerLine(view: DocumentView): string {
  if (view.direction === 'incoming')
    return `Số đến ${view.registerNumber}/${view.registerYear} · ngày đến ${view.arrivedOn}`;
  if (view.state === 'draft') return 'Dự thảo (chưa cấp số)';
  return `Số đi ${view.notation} · ngày ${view.issuedOn}`;
}

export function document(
  view: DocumentView & { workFiles?: { title: string }[]; handling?: HandlingView | null },
): string {
  const lines = [
    `${view.typeName}: ${view.subject}`,
    `  Mã: ${view.id}`,
    `  ${registerLine(view)}${view.registerName ? ` · ${view.registerName}` : ''}`,
  ];
  if (view.direction === 'incoming')
    lines.push(`  Số, ký hiệu: ${view.notation} · ngày ${view.issuedOn} · ${view.issuerName}`);
  if (view.urgency !== 'thuong') lines.push(`  Độ khẩn: ${urgencyLabels[view.urgency]}`);
  if (view.secrecy !== 'thuong') lines.push(`  Độ mật: ${secrecyLabels[view.secrecy]}`);
  if (view.dueOn)
    lines.push(
      `  Hạn giải quyết: ${view.dueOn}${view.overdue ? ' (QUÁ HẠN)' : view.completedOn ? ` · xong ${view.completedOn}` : ''}`,
    );
  if (view.duplicateOf) lines.push(`  Lưu ý: trùng với văn bản ${view.duplicateOf}`);
  if (view.recipients.length) {
    lines.push(
      `  Nơi nhận: ${view.recipients.map((r) => (r.name && r.agencyCode ? `${r.name} (${r.agencyCode})` : (r.name ?? r.agencyCode))).join('; ')}`,
    );
  }
  if (view.recipientUnit) lines.push(`  Đơn vị nhận: ${view.recipientUnit}`);
  if (view.signerName) lines.push(`  Người ký: ${[view.signerTitle, view.signerName].filter(Boolean).join(' ')}`);
  for (const attachment of view.attachments) {
    lines.push(
      `  Tệp ${attachment.role === 'main' ? 'chính' : 'phụ lục'}: ${attachment.filename} (${attachment.size} byte)${TEXT_NOTES[attachment.textSource]}`,
    );
    if (attachment.textNote) lines.push(`    ${attachment.textNote}`);
  }
  if (view.numberOnFile?.note) lines.push(`  Lưu ý: ${view.numberOnFile.note}`);
  if (view.workFiles?.length) lines.push(`  Hồ sơ: ${view.workFiles.map((w) => w.title).join('; ')}`);
  if (view.notes) lines.push(`  Ghi chú: ${view.notes}`);
  if (view.handling) lines.push(handling(view.handling));
  return lines.join('\n');
}

export function results(output: Outputs['documents.search']): string {
  if (output.results.length === 0) return 'Không tìm thấy văn bản nào.';
  const rows = output.results.map((view) => {
    const where =
      view.direction === 'incoming'
        ? `Đến ${view.registerNumber}/${view.registerYear}`
        : view.state === 'draft'
          ? 'Dự thảo'
          : `Đi ${view.notation}`;
    const mark = view.overdue ? ' [QUÁ HẠN]' : view.urgency !== 'thuong' ? ` [${urgencyLabels[view.urgency]}]` : '';
    return `${where.padEnd(18)} ${view.filedOn}  ${view.typeName}: ${view.subject}${mark}\n${' '.repeat(19)}${view.id}`;
  });
  return rows.join('\n') + (output.hasMore ? '\n… còn nữa (dùng --offset để xem tiếp)' : '');
}

export function history(output: Outputs['documents.history']): string {
  return output.entries
    .map((entry) => `${entry.seq}. ${entry.at} ${entry.actor}: ${entry.action} ${historyDetail(entry)}`)
    .join('\n');
}

/** A correction as the clerk reads it: each field's old and new value, then the reason. */
function historyDetail(entry: Outputs['documents.history']['entries'][number]): string {
  const detail = entry.detail as { changes?: Record<string, [unknown, unknown]>; reason?: string } | null;
  if (entry.action !== 'document.update' || !detail?.changes) return JSON.stringify(entry.detail);
  const changes = Object.entries(detail.changes).map(
    ([field, [before, after]]) => `\n     ${field}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`,
  );
  return `${changes.join('')}${detail.reason ? `\n     lý do: ${detail.reason}` : ''}`;
}

export function workFile(view: WorkFileView): string {
  return [
    `Hồ sơ: ${view.code ? `${view.code} ` : ''}${view.title} (${view.year})${view.closedOn ? ` · đã kết thúc ${view.closedOn}` : ''}`,
    `  Mã: ${view.id} · ${view.documentCount} văn bản`,
  ].join('\n');
}

export function workFileWithDocuments(view: Outputs['workFiles.get']): string {
  return [workFile(view), ...view.documents.map((d) => `  - ${d.notation ?? 'Dự thảo'}: ${d.subject} (${d.id})`)].join(
    '\n',
  );
}

export function auditVerdict(verdict: Outputs['audit.verify']): string {
  if (verdict.ok) return `Nhật ký thao tác nguyên vẹn (${verdict.rows} dòng).`;
  const reasons = {
    'hash-mismatch': 'nội dung dòng đã bị sửa',
    'chain-broken': 'liên kết với dòng trước bị phá',
    'sequence-gap': 'thiếu dòng trước đó',
  } as const;
  return `NHẬT KÝ BỊ SỬA ĐỔI: dòng ${verdict.firstBrokenRow} (${reasons[verdict.reason!]}).`;
}

export function storeCheck(report: Outputs['store.check']): string {
  const mark = (ok: boolean) => (ok ? 'tốt' : 'CÓ VẤN ĐỀ');
  const lines = [
    `Cơ sở dữ liệu: ${mark(report.database.ok)}${report.database.problems.map((p) => `\n  ${p}`).join('')}`,
    `Chỉ mục tìm kiếm: ${mark(report.searchIndex.ok)}`,
    auditVerdict(report.audit),
    `Tệp PDF: ${report.pdfs.checked} tệp đã kiểm tra; thiếu ${report.pdfs.missing.length}, hỏng ${report.pdfs.corrupt.length}; ${report.pdfs.unreferenced} tệp thừa không thuộc văn bản nào`,
    `Quá trình xử lý văn bản: ${report.handling.checked} văn bản; ${mark(report.handling.ok)}${report.handling.mismatched.map((id) => `\n  lệch với nhật ký xử lý: ${id}`).join('')}`,
  ];
  lines.push(report.ok ? 'Dữ liệu nguyên vẹn.' : 'CÓ VẤN ĐỀ: liên hệ bộ phận kỹ thuật; không xóa thư mục dữ liệu.');
  return lines.join('\n');
}

const TEXT_NOTES = {
  pdf: '',
  ocr: ' · chữ nhận dạng (OCR)',
  pending: ' · đang chờ nhận dạng chữ',
  none: ' · không đọc được chữ',
} as const;

const TEXT_SOURCES = {
  pdf: 'lớp chữ của tệp PDF',
  ocr: 'nhận dạng chữ (OCR) trên bản quét',
  none: 'không đọc được chữ',
} as const;

export function prefill(view: Outputs['incoming.prefill']): string {
  const lines = [
    `Đọc từ: ${TEXT_SOURCES[view.textSource]} (${view.pageCount} trang)`,
    `Số, ký hiệu: ${view.notation ?? '—'}`,
    `Ngày văn bản: ${view.issuedOn ?? '—'}`,
    `Cơ quan ban hành: ${view.issuerName ?? '—'}${view.issuerCode ? ` (${view.issuerCode})` : ''}`,
    `Loại văn bản: ${view.type ?? '—'}`,
    `Trích yếu: ${view.subject ?? '—'}`,
  ];
  for (const duplicate of view.duplicates)
    lines.push(
      `Có thể trùng văn bản đã vào sổ: số đến ${duplicate.registerNumber ?? '?'}/${duplicate.registerYear ?? '?'} (${duplicate.id})`,
    );
  return lines.join('\n');
}

export function reread(result: Outputs['documents.reread']): string {
  if (result.busy) return `Một chương trình vanthu khác đang đọc lại văn bản; còn ${result.remaining} tệp chờ đọc.`;
  const lines = [
    `Đã đọc lại ${result.reread} tệp, nhận dạng chữ ${result.ocred} bản quét.`,
    ...(result.unreadable > 0 ? [`${result.unreadable} tệp không đọc được chữ (xem ghi chú ở từng văn bản).`] : []),
    ...(result.remaining > 0 ? [`Còn ${result.remaining} tệp chờ nhận dạng chữ.`] : []),
  ];
  return lines.join('\n');
}
