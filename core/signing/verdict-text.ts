// What the clerk reads for each verdict: one Vietnamese sentence saying what
// was found and, where there is one, what to do about it.

export type VerdictCode =
  | 'OK'
  | 'MALFORMED'
  | 'CMS_UNREADABLE'
  | 'ALGORITHM_UNSUPPORTED'
  | 'DIGEST_MISMATCH'
  | 'CMS_SIGNATURE_INVALID'
  | 'SIGNER_CERT_MISSING'
  | 'ESS_CERT_MISMATCH'
  | 'CADES_ATTRIBUTES_MISSING'
  | 'WEAK_HASH_ALGORITHM'
  | 'CHAIN_UNTRUSTED'
  | 'CERT_EXPIRED_AT_SIGNING'
  | 'CERT_EXPIRED_NO_TIMESTAMP'
  | 'CERT_NOT_YET_VALID_AT_SIGNING'
  | 'CERT_NO_SIGNING_USAGE'
  | 'REVOKED'
  | 'REVOKED_AFTER_SIGNING_NO_TIMESTAMP'
  | 'REVOCATION_UNKNOWN'
  | 'CRL_STALE'
  | 'TIMESTAMP_INVALID'
  | 'MODIFIED_AFTER_SIGNING';

/** Facts some sentences mention. */
export interface ReasonFacts {
  signedAt?: Date | null;
  revokedAt?: Date;
  notAfter?: string;
  notBefore?: string;
  /** The CA certificate on the signer's path, when the sentence is about it rather than the signer's own. */
  ca?: string;
  noCdp?: boolean;
}

type Composed =
  | 'OK'
  | 'CERT_EXPIRED_AT_SIGNING'
  | 'CERT_EXPIRED_NO_TIMESTAMP'
  | 'CERT_NOT_YET_VALID_AT_SIGNING'
  | 'REVOKED'
  | 'REVOKED_AFTER_SIGNING_NO_TIMESTAMP'
  | 'REVOCATION_UNKNOWN'
  | 'CRL_STALE';

const FIXED: Record<Exclude<VerdictCode, Composed>, string> = {
  MALFORMED: 'Trường chữ ký trong tệp bị sai cấu trúc nên không kiểm tra được chữ ký này; hãy xin lại bản gốc.',
  CMS_UNREADABLE: 'Dữ liệu chữ ký số bị hỏng hoặc không đúng định dạng, không đọc được.',
  ALGORITHM_UNSUPPORTED:
    'Chữ ký dùng thuật toán mà phần mềm chưa hỗ trợ nên chưa kiểm tra được; hãy kiểm tra bằng phần mềm của tổ chức chứng thực.',
  DIGEST_MISMATCH: 'Nội dung tệp đã bị thay đổi sau khi ký.',
  CMS_SIGNATURE_INVALID: 'Giá trị chữ ký không khớp với chứng thư số của người ký: chữ ký đã bị làm giả hoặc bị sửa.',
  SIGNER_CERT_MISSING: 'Tệp không kèm chứng thư số của người ký nên không kiểm tra được chữ ký.',
  ESS_CERT_MISMATCH: 'Chứng thư số kèm theo không phải là chứng thư số người ký đã dùng khi ký: chữ ký không hợp lệ.',
  CADES_ATTRIBUTES_MISSING:
    'Chữ ký khai báo theo chuẩn PAdES nhưng không ký kèm các thông tin bắt buộc (loại nội dung, giá trị băm, chứng thư số của người ký), nên không bảo đảm chứng thư số kèm theo là của người ký: chữ ký không đúng chuẩn.',
  WEAK_HASH_ALGORITHM:
    'Chữ ký dùng thuật toán băm SHA-1, không còn an toàn (chữ ký kiểu này có thể bị làm giả), nên không xác nhận được chữ ký; hãy đề nghị bên gửi ký lại bằng SHA-256.',
  CHAIN_UNTRUSTED:
    'Chứng thư số của người ký không do tổ chức chứng thực (CA) nào trong danh sách tin cậy cấp, nên chưa xác định được người ký. Nếu tin tổ chức này, hãy thêm chứng thư số gốc của họ vào danh sách tin cậy.',
  CERT_NO_SIGNING_USAGE: 'Chứng thư số của người ký không được cấp để ký văn bản (chỉ để mã hóa hoặc xác thực).',
  TIMESTAMP_INVALID:
    'Dấu thời gian gắn kèm chữ ký không hợp lệ (không khớp với chữ ký hoặc đã bị sửa), nên không xác định được thời điểm ký.',
  MODIFIED_AFTER_SIGNING:
    'Sau khi ký, tệp đã được bổ sung phần không có chữ ký xác nhận; nội dung có thể đã bị thay đổi sau khi ký. Hãy xin lại bản gốc.',
};

const isFixed = (code: VerdictCode): code is Exclude<VerdictCode, Composed> => Object.hasOwn(FIXED, code);

export function reasonText(code: VerdictCode, facts: ReasonFacts = {}): string {
  if (isFixed(code)) return FIXED[code];
  switch (code) {
    case 'OK':
      return 'Chữ ký hợp lệ.';
    case 'CERT_EXPIRED_AT_SIGNING':
      return facts.ca
        ? `${caCertificate(facts.ca)} không còn hiệu lực tại thời điểm ký.`
        : `Chứng thư số của người ký đã hết hạn (ngày ${vnDate(facts.notAfter)}) trước thời điểm ký.`;
    case 'CERT_EXPIRED_NO_TIMESTAMP':
      return `${facts.ca ? caCertificate(facts.ca) : 'Chứng thư số của người ký'} đã hết hạn (ngày ${vnDate(facts.notAfter)}) và chữ ký không có dấu thời gian, nên không có gì chứng minh chữ ký được tạo trước khi hết hạn (thời điểm ký ghi trong tệp do người ký tự ghi).`;
    case 'CERT_NOT_YET_VALID_AT_SIGNING':
      return `Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký (có hiệu lực từ ngày ${vnDate(facts.notBefore)}).`;
    case 'REVOKED':
      return `${facts.ca ? caCertificate(facts.ca) : 'Chứng thư số'} đã bị thu hồi trước thời điểm ký (thu hồi lúc ${vnTime(facts.revokedAt)}).`;
    case 'REVOKED_AFTER_SIGNING_NO_TIMESTAMP': {
      const revoked = `${facts.ca ? caCertificate(facts.ca) : 'Chứng thư số'} đã bị thu hồi lúc ${vnTime(facts.revokedAt)}`;
      return facts.signedAt
        ? `${revoked}, sau thời điểm ký do người ký tự ghi; chữ ký không có dấu thời gian nên không chứng minh được đã ký trước khi thu hồi.`
        : `${revoked}; chữ ký không ghi thời điểm ký nên không chứng minh được đã ký trước khi thu hồi.`;
    }
    case 'REVOCATION_UNKNOWN': {
      const whose = facts.ca ? ` của ${caCertificate(facts.ca, false)}` : '';
      return facts.noCdp
        ? `Không kiểm tra được tình trạng thu hồi${whose}: chứng thư số không ghi nơi công bố danh sách thu hồi (CRL). Hãy nhập tệp CRL của tổ chức chứng thực.`
        : `Không kiểm tra được tình trạng thu hồi${whose}: chưa có danh sách thu hồi (CRL) của tổ chức chứng thực, cần kết nối mạng hoặc nhập tệp CRL.`;
    }
    case 'CRL_STALE': {
      const whose = facts.ca ? ` của ${caCertificate(facts.ca, false)}` : '';
      return `Không kiểm tra được tình trạng thu hồi${whose}: danh sách thu hồi (CRL) đã quá hạn, cần kết nối mạng để cập nhật.`;
    }
  }
}

/** Sentences added to a valid verdict so the clerk knows on what it rests. */
export const validNotes = {
  timestamped: (at: Date) => `Thời điểm ký (${vnTime(at)}) được xác nhận bằng dấu thời gian.`,
  untrustedTimestamp:
    'Dấu thời gian kèm theo không do đơn vị cấp dấu thời gian trong danh sách tin cậy cấp nên không được dùng; thời điểm ký là thời điểm người ký tự ghi.',
  revokedLater: (at: Date, ca?: string) =>
    `${ca ? caCertificate(ca) : 'Chứng thư số'} bị thu hồi lúc ${vnTime(at)}, sau thời điểm ký đã được dấu thời gian xác nhận.`,
  laterSignatures: 'Sau chữ ký này, tệp chỉ được bổ sung thêm chữ ký khác.',
  numberFilledIn: (lines: string[], laterSignatures: boolean) =>
    `Sau chữ ký này, tệp chỉ được ghi thêm số, ký hiệu và ngày ban hành vào chỗ để trống khi cấp số (${lines.map((line) => `“${line}”`).join('; ')})${laterSignatures ? ' và bổ sung thêm chữ ký khác' : ''}; nội dung đã ký không bị thay đổi.`,
  crlAsOf: (thisUpdate: string) =>
    `Tình trạng thu hồi theo danh sách thu hồi (CRL) cập nhật lúc ${vnTime(new Date(thisUpdate))}.`,
};

/** A CA on the signer's path: the one that issued the signer's certificate, or one above it. */
function caCertificate(subject: string, capital = true): string {
  return `${capital ? 'C' : 'c'}hứng thư số của tổ chức chứng thực trong chuỗi chứng thực của người ký (${subject})`;
}

// Vietnam keeps UTC+7 all year, so a fixed offset needs no time-zone database.
const VN_OFFSET_MS = 7 * 3_600_000;

function vnDate(iso: string | undefined): string {
  if (!iso) return '?';
  const local = new Date(Date.parse(iso) + VN_OFFSET_MS);
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}

function vnTime(date: Date | undefined): string {
  if (!date) return '?';
  const local = new Date(date.getTime() + VN_OFFSET_MS);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ngày ${vnDate(date.toISOString())}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
