// The hub explains a refused change in English for its own logs; the clerk
// reads the sync panel in Vietnamese. The hub's words stay as the detail a
// support call needs (which recipient code, which file).
const messages: Record<string, string> = {
  NUMBERING_NOT_HELD:
    'Máy chủ của tỉnh không nhận văn bản này vì máy này không giữ sổ văn bản của cơ quan. Cấp số và gửi văn bản trên máy văn thư giữ sổ.',
  RECIPIENT_SELF: 'Văn bản không gửi được cho chính cơ quan mình. Bỏ cơ quan mình khỏi nơi nhận rồi gửi lại.',
  RECIPIENT_UNKNOWN:
    'Có nơi nhận không có trong danh bạ cơ quan của tỉnh. Kiểm tra lại mã định danh nơi nhận (hoặc đồng bộ lại danh bạ) rồi gửi lại.',
  ATTACHMENT_SIZE_MISMATCH:
    'Tệp đính kèm đã tải lên không khớp với văn bản. Báo bộ phận kỹ thuật; văn bản vẫn còn nguyên trên máy.',
  DOCUMENT_EXISTS: 'Máy chủ của tỉnh đã có văn bản này từ một lần gửi khác, nên không nhận thêm lần nữa.',
  FORBIDDEN: 'Máy chủ của tỉnh từ chối: văn bản này không được gửi đến cơ quan của máy này.',
  NOT_FOUND: 'Máy chủ của tỉnh không có văn bản mà thay đổi này nhắc tới (văn bản chưa từng được gửi qua máy chủ).',
};

export function hubRejectionMessage(code: string, hubMessage: string | undefined): string {
  const text =
    messages[code] ??
    `Máy chủ của tỉnh từ chối thay đổi này (mã ${code}). Báo bộ phận kỹ thuật của tỉnh; văn bản vẫn còn nguyên trên máy.`;
  return hubMessage ? `${text} Chi tiết: ${hubMessage}` : text;
}
