// Text output of the sync commands.
import type { Outputs } from '../../shared/api.ts';
import type { SyncQueueItemView, SyncRunView } from '../../shared/sync.ts';

const opNames: Record<SyncQueueItemView['op'], string> = {
  'document.issue': 'gửi văn bản',
  'status.send': 'báo trạng thái',
  'document.update': 'cập nhật thông tin',
  'person.put': 'danh sách cán bộ',
  'desk.document': 'hồ sơ văn bản cho các máy trong cơ quan',
  'desk.event': 'xử lý văn bản cho các máy trong cơ quan',
};

const outcomeNames: Record<NonNullable<SyncRunView['outcome']>, string> = {
  ok: 'xong',
  partial: 'xong một phần',
  failed: 'lỗi',
  interrupted: 'bị ngắt giữa chừng',
};

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('vi-VN')} KB`;

export function connected(view: Outputs['sync.connect']): string {
  return [
    `Đã kết nối máy chủ ${view.hubUrl} cho ${view.agency.name} (${view.agency.code}).`,
    `Mã thiết bị: ${view.deviceId} · quyền kết nối đến ${view.expiresAt.slice(0, 10)}`,
    view.holdsRegister
      ? 'Máy này giữ sổ văn bản của cơ quan (cấp số văn bản).'
      : 'Máy này KHÔNG giữ sổ văn bản: cấp số trên máy văn thư giữ sổ.',
    `Danh bạ: ${view.agencies} cơ quan.`,
    ...(view.person ? [`Máy riêng của ${view.person.name}: máy này chỉ làm việc với tư cách cán bộ này.`] : []),
  ].join('\n');
}

export function result(view: Outputs['sync.run']): string {
  const lines = [
    `Đồng bộ ${outcomeNames[view.outcome]} sau ${view.seconds} giây (gửi ${kb(view.bytesUp)}, nhận ${kb(view.bytesDown)}).`,
  ];
  if (view.error) lines.push(`Lỗi: ${view.error.message}`);
  for (const sent of view.sent.filter((s) => s.op === 'document.issue')) lines.push(`  Đã gửi: ${sent.label}`);
  for (const received of view.received) lines.push(`  Đã nhận và vào sổ: ${received.notation} của ${received.sender}`);
  if (view.statuses) lines.push(`  Trạng thái mới từ nơi nhận: ${view.statuses}`);
  if (view.updates) lines.push(`  Thông tin cập nhật từ máy khác: ${view.updates}`);
  const deskSent = (op: string) => view.sent.filter((s) => s.op === op).length;
  if (deskSent('desk.document') || deskSent('desk.event'))
    lines.push(
      `  Đã gửi cho các máy trong cơ quan: ${deskSent('desk.document')} văn bản, ${deskSent('desk.event')} bước xử lý`,
    );
  const { documents, events, people } = view.desk;
  if (documents || events || people)
    lines.push(`  Từ các máy trong cơ quan: ${documents} văn bản, ${events} bước xử lý, ${people} cán bộ`);
  for (const rejected of view.rejected)
    lines.push(`  KHÔNG gửi được: ${rejected.label} — ${rejected.message} (${rejected.code})`);
  if (view.waiting) lines.push(`  Còn ${view.waiting} mục chờ gửi lần sau.`);
  return lines.join('\n');
}

export function status(view: Outputs['sync.status']): string {
  if (!view.connected) return 'Chưa kết nối máy chủ của tỉnh. Chạy "vanthu connect <địa chỉ> <mã đăng ký>".';
  const lines = [
    `Máy chủ: ${view.hubUrl} · cơ quan ${view.agencyCode} · đồng bộ hằng ngày lúc ${String(view.schedule.hour).padStart(2, '0')}:${String(view.schedule.minute).padStart(2, '0')}`,
    ...(view.deskSync ? ['Chia sẻ công việc với các máy khác của cơ quan qua máy chủ.'] : []),
    `Chờ gửi: ${view.queue.length}`,
  ];
  for (const item of view.queue)
    lines.push(
      `  ${item.label} — ${opNames[item.op]}${item.bytes ? ` (${kb(item.bytes)})` : ''}${item.code ? ` [${item.code}]` : ''}`,
    );
  if (view.rejected.length) lines.push(`Không gửi được: ${view.rejected.length}`);
  for (const item of view.rejected) lines.push(`  ${item.label} — ${item.message ?? ''} (${item.code})`);
  const last = view.runs[0];
  if (last)
    lines.push(
      `Lần gần nhất: ${last.startedAt} — ${last.outcome ? outcomeNames[last.outcome] : 'đang chạy'}${last.errorCode ? ` (${last.errorCode})` : ''}`,
    );
  return lines.join('\n');
}

export function schedule(view: Outputs['sync.configure']): string {
  return `Đồng bộ hằng ngày lúc ${String(view.hour).padStart(2, '0')}:${String(view.minute).padStart(2, '0')}.`;
}
