// Text for the signing commands: what a clerk reads in a terminal.
import type { Outputs } from '../../shared/api.ts';
import type { SignatureVerdict } from '../../shared/signing.ts';

const STATUS = { valid: 'HỢP LỆ', invalid: 'KHÔNG HỢP LỆ', indeterminate: 'CHƯA XÁC ĐỊNH' } as const;
const PIN = {
  ok: 'bình thường',
  'count-low': 'đã có lần nhập sai, số lần thử còn ít',
  'final-try': 'CHỈ CÒN 1 LẦN THỬ',
  locked: 'ĐÃ KHÓA',
  unknown: 'token không báo',
} as const;
const UNUSABLE = {
  CERT_EXPIRED: 'đã hết hạn',
  CERT_NOT_YET_VALID: 'chưa có hiệu lực',
  CERT_NO_SIGNING_USAGE: 'không dùng để ký',
  TOKEN_KEY_NOT_FOUND: 'không có khóa bí mật đi kèm',
} as const;

export function modules(output: Outputs['tokens.modules']): string {
  if (output.modules.length === 0)
    return 'Chưa có trình điều khiển token nào (thêm bằng --module <đường dẫn> hoặc trong Cài đặt).';
  return output.modules
    .map((module) =>
      module.ok
        ? `✓ ${module.path} — ${module.info?.manufacturer ?? ''} ${module.info?.description ?? ''} (Cryptoki ${module.info?.cryptokiVersion ?? '?'})`
        : `✗ ${module.path} — ${module.error?.message ?? ''} (${module.error?.detail ?? module.error?.code ?? ''})`,
    )
    .join('\n');
}

export function tokens(output: Outputs['tokens.list']): string {
  if (output.tokens.length === 0) return 'Không thấy token nào đang cắm.';
  return output.tokens
    .map((token) =>
      [
        `${token.label} — ${token.manufacturer} ${token.model}, số sê-ri ${token.serial}`,
        `  Trình điều khiển: ${token.module}`,
        `  Mã PIN: ${PIN[token.pinCounter]}${token.pinPad ? '; nhập PIN trên thiết bị' : ''}${token.pinToBeChanged ? '; cần đổi PIN' : ''}`,
      ].join('\n'),
    )
    .join('\n\n');
}

export function certificates(output: Outputs['tokens.certificates']): string {
  if (output.certificates.length === 0) return 'Không thấy chứng thư số nào dùng để ký trên các token đang cắm.';
  return output.certificates
    .map(({ id, tokenLabel, certificate, unusable }) =>
      [
        `${id.slice(0, 16)}  ${certificate.commonName ?? certificate.subject}${unusable ? `  [${UNUSABLE[unusable]}]` : ''}`,
        `  Chủ thể: ${certificate.subject}`,
        `  Cấp bởi: ${certificate.issuer}`,
        `  Số hiệu: ${certificate.serialHex}; hiệu lực ${certificate.notBefore.slice(0, 10)} → ${certificate.notAfter.slice(0, 10)}; token ${tokenLabel}`,
      ].join('\n'),
    )
    .join('\n\n');
}

export function signBatch(output: Outputs['sign.documents']): string {
  const lines = output.signed.map(
    (document) =>
      `✓ ${document.notation ?? document.documentId} — đã ký (${document.kind === 'personal' ? 'cá nhân' : 'cơ quan'}, ${document.level})`,
  );
  if (output.stoppedAt) {
    lines.push(`✗ ${output.stoppedAt.documentId} — ${output.stoppedAt.error.message}`);
    if (output.untouched.length) lines.push(`Chưa ký (giữ nguyên): ${output.untouched.length} văn bản.`);
  }
  lines.push(...output.warnings.map((warning) => `Lưu ý: ${warning}`));
  return lines.join('\n');
}

export function verdicts(signatures: SignatureVerdict[]): string {
  if (signatures.length === 0) return 'Tệp không có chữ ký số.';
  return signatures
    .map((signature) =>
      [
        `Chữ ký ${signature.index}${signature.fieldName ? ` (${signature.fieldName})` : ''}: ${STATUS[signature.status]}`,
        `  ${signature.reason}`,
        `  Người ký: ${signature.signer?.commonName ?? signature.signer?.subject ?? 'không rõ'}`,
        `  Thời điểm ký: ${signature.signedAt ?? 'không rõ'}${signature.timeSource === 'timestamp' ? ' (dấu thời gian)' : signature.timeSource === 'claimed' ? ' (theo máy người ký)' : ''}`,
        `  Phủ toàn bộ tệp: ${signature.coversWholeFile ? 'có' : `không (sau đó có ${signature.changesAfter.laterSignatures} chữ ký, ${signature.changesAfter.otherRevisions} thay đổi khác)`}`,
        ...(signature.changesAfter.numberFilledIn?.length
          ? [`  Ghi thêm khi cấp số: ${signature.changesAfter.numberFilledIn.join('; ')}`]
          : []),
      ].join('\n'),
    )
    .join('\n\n');
}

export function verification(output: Outputs['verify']): string {
  if (output.path) return verdicts(output.signatures);
  if (output.files.length === 0) return 'Văn bản chưa có tệp nào.';
  return output.files.map((file) => `${file.filename}\n${verdicts(file.signatures)}`).join('\n\n');
}

export function trusted(certificates: Outputs['trust.list']['certificates']): string {
  if (certificates.length === 0) return 'Chưa tin cậy chứng thư gốc nào.';
  return certificates
    .map((entry) => `${entry.sha256.slice(0, 16)}  ${entry.subject}  (đến ${entry.notAfter.slice(0, 10)})`)
    .join('\n');
}

export function settings(output: Outputs['settings.get']): string {
  return [
    `Máy chủ dấu thời gian (TSA): ${output.tsaUrl ?? 'chưa đặt (chữ ký mức B-B)'}`,
    `Trình điều khiển token: ${output.modules.length ? output.modules.join(', ') : 'chỉ các trình điều khiển có sẵn'}`,
    ...output.images.map(
      (image) =>
        `Ảnh ${image.kind === 'seal' ? 'con dấu' : 'chữ ký'} ${image.owner}: ${image.widthPx}×${image.heightPx} px${image.sizeMm ? `, ${image.sizeMm} mm` : ''}`,
    ),
  ].join('\n');
}
