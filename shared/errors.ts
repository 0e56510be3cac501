// Every error the app can show: a stable code, a Vietnamese message for the
// user (what happened and what to do), and detail for the log. Core throws
// AppError; transports turn it into the plain ErrorValue below.

export const errorMessages = {
  INPUT_INVALID: 'Dữ liệu nhập chưa đúng. Kiểm tra lại các trường được đánh dấu.',
  OFFICE_NOT_INITIALIZED:
    'Chưa khởi tạo cơ quan trên máy này. Chạy lệnh "init --agency <mã định danh> --name <tên cơ quan>" trước.',
  OFFICE_ALREADY_INITIALIZED: 'Cơ quan đã được khởi tạo trên máy này; không khởi tạo lại để tránh mất sổ văn bản.',
  DATA_DIR_UNUSABLE: 'Không dùng được thư mục dữ liệu. Kiểm tra đường dẫn và quyền ghi.',
  DB_NEWER_VERSION:
    'Cơ sở dữ liệu được tạo bởi phiên bản vanthu mới hơn phiên bản đang chạy. Hãy cập nhật phần mềm; dữ liệu không bị thay đổi.',
  DB_CORRUPT: 'Tệp cơ sở dữ liệu bị hỏng hoặc không phải của vanthu. Liên hệ bộ phận kỹ thuật; không xóa tệp này.',
  DB_BUSY: 'Cơ sở dữ liệu đang bận (một cửa sổ vanthu khác đang ghi). Thử lại sau giây lát.',
  DB_READONLY:
    'Không ghi được vào thư mục dữ liệu (chỉ đọc hoặc thiếu quyền). Kiểm tra quyền ghi của thư mục; dữ liệu đã lưu vẫn còn nguyên.',
  DB_IO_ERROR: 'Lỗi đọc/ghi ổ đĩa khi lưu dữ liệu. Kiểm tra ổ đĩa; thao tác vừa rồi chưa được lưu.',
  DISK_FULL: 'Ổ đĩa đã đầy, thao tác vừa rồi chưa được lưu. Hãy giải phóng dung lượng rồi thử lại.',
  DOCUMENT_NOT_FOUND: 'Không tìm thấy văn bản này. Có thể mã văn bản bị gõ sai.',
  DOCUMENT_DUPLICATE:
    'Văn bản này có vẻ đã được vào sổ (trùng cơ quan ban hành, số/ký hiệu và ngày ban hành). Kiểm tra lại; nếu đúng là văn bản khác, đăng ký lại với lựa chọn cho phép trùng.',
  DOCUMENT_NOT_DRAFT: 'Văn bản đã được cấp số, không thể cấp số hoặc sửa như dự thảo nữa.',
  ISSUE_CONFLICT:
    'Sổ văn bản đi hoặc tệp của văn bản liên tục thay đổi trong lúc cấp số (có người khác đang cấp số cùng lúc); văn bản chưa được cấp số và tệp giữ nguyên. Hãy cấp số lại.',
  DOCUMENT_WRONG_DIRECTION: 'Thao tác này không áp dụng cho loại văn bản (đến/đi) đã chọn.',
  DOCUMENT_TYPE_UNKNOWN: 'Không nhận ra loại văn bản. Dùng một mã trong danh mục (ví dụ QD, CV, KH, TB, BC).',
  VALIDATION_FAILED: 'Một số thông tin chưa hợp lệ nên chưa lưu. Xem lời nhắc ở từng ô được đánh dấu, sửa lại rồi lưu.',
  ISSUED_ON_FUTURE_UNCONFIRMED:
    'Ngày văn bản muộn hơn hôm nay. Kiểm tra lại ngày ghi trên văn bản; nếu văn bản đúng là ghi ngày đó, hãy xác nhận để lưu.',
  OFFICE_CODE_ENROLLED:
    'Máy này đã kết nối với máy chủ của tỉnh bằng mã định danh hiện tại; đổi mã sẽ làm hỏng việc gửi, nhận văn bản. Nếu mã thật sự sai, liên hệ bộ phận kỹ thuật của tỉnh để được cấp lại và kết nối lại.',
  ATTACHMENT_NOT_FOUND: 'Không tìm thấy tệp đính kèm đã chọn của văn bản này.',
  ATTACHMENT_MAIN_EXISTS: 'Văn bản đã có tệp văn bản chính. Thêm tệp mới như phụ lục, hoặc chọn văn bản khác.',
  BLOB_MISSING:
    'Không tìm thấy tệp PDF đã lưu của văn bản trong thư mục dữ liệu. Liên hệ bộ phận kỹ thuật để khôi phục từ bản sao lưu.',
  BLOB_CORRUPT:
    'Tệp PDF đã lưu bị hỏng trên ổ đĩa (không khớp mã kiểm tra). Liên hệ bộ phận kỹ thuật để khôi phục từ bản sao lưu.',
  FILE_NOT_FOUND: 'Không tìm thấy tệp hoặc thư mục đã chọn. Kiểm tra lại đường dẫn.',
  FILE_UNREADABLE: 'Không đọc được tệp đã chọn. Kiểm tra quyền truy cập tệp.',
  FILE_EXISTS: 'Tệp đích đã tồn tại; chọn tên khác để không ghi đè lên tệp cũ.',
  FILE_WRITE_FAILED: 'Không ghi được tệp. Kiểm tra dung lượng ổ đĩa và quyền ghi.',
  PDF_NOT_PDF: 'Tệp này không phải là tệp PDF. Hãy chọn tệp PDF của văn bản.',
  PDF_CORRUPT: 'Tệp PDF bị hỏng hoặc không đầy đủ, không mở được. Hãy xin lại bản gốc hoặc quét lại văn bản.',
  PDF_ENCRYPTED: 'Tệp PDF có đặt mật khẩu hoặc bị mã hóa. Hãy xin bản không đặt mật khẩu.',
  PDF_TOO_LARGE: 'Tệp PDF quá lớn. Hãy quét lại ở độ phân giải 200 dpi hoặc tách thành nhiều tệp.',
  PERSON_NOT_FOUND:
    'Không tìm thấy cán bộ này trong danh sách của cơ quan. Kiểm tra lại tên hoặc mã; danh sách ở Cài đặt › Cán bộ.',
  PERSON_AMBIGUOUS: 'Có nhiều cán bộ trùng tên này. Chọn theo mã cán bộ (xem bằng lệnh "person list").',
  PERSON_INACTIVE:
    'Cán bộ này đã thôi làm việc trong danh sách của cơ quan nên không giao việc hay làm việc dưới tên này được.',
  PERSON_REQUIRED:
    'Chưa chọn cán bộ đang làm việc trên máy. Chọn tên mình (và nhập mật khẩu nếu có) rồi thao tác lại; trên dòng lệnh dùng --as <tên cán bộ>.',
  PASSWORD_REQUIRED:
    'Cán bộ này có đặt mật khẩu. Nhập mật khẩu để làm việc dưới tên mình; trên dòng lệnh dùng --password-stdin.',
  PASSWORD_INCORRECT: 'Mật khẩu không đúng. Chưa có thao tác nào được ghi dưới tên cán bộ này; hãy nhập lại.',
  NOT_PERMITTED:
    'Việc này không thuộc quyền của cán bộ đang làm việc trên máy (chỉ lãnh đạo cho ý kiến, giao việc và duyệt; chỉ người xử lý chính nhận, báo hoàn thành hoặc trả lại; chỉ văn thư quản lý danh sách cán bộ). Chưa có gì thay đổi.',
  HANDLING_STEP_INVALID:
    'Văn bản không ở bước cho phép thao tác này (ví dụ: chưa được giao thì chưa nhận được, đã hoàn thành thì không trả lại được). Xem quá trình xử lý của văn bản; chưa có gì thay đổi.',
  LAST_CLERK:
    'Không thể đổi vai trò hay cho thôi làm việc văn thư cuối cùng của cơ quan: cần ít nhất một văn thư để quản lý danh sách cán bộ.',
  CALENDAR_DAY_NOT_ADDED:
    'Ngày này không phải ngày đã thêm vào lịch nên không xóa được. Ngày lễ, Tết được tính theo luật; nếu có thông báo đi làm vào ngày đó, hãy thêm nó là ngày làm việc.',
  WORK_FILE_NOT_FOUND: 'Không tìm thấy hồ sơ này.',
  WORK_FILE_CLOSED: 'Hồ sơ đã kết thúc, không thêm hoặc bớt văn bản được nữa.',
  TOKEN_MODULE_UNLOADABLE:
    'Không nạp được trình điều khiển của thiết bị ký số (USB token). Kiểm tra đã cài phần mềm của nhà cung cấp chữ ký số, hoặc chọn đúng tệp trình điều khiển trong Cài đặt.',
  TOKEN_MODULE_CRASHED:
    'Trình điều khiển của thiết bị ký số bị dừng đột ngột. Rút token ra, cắm lại rồi thử lại; các văn bản chưa ký vẫn giữ nguyên.',
  TOKEN_TIMEOUT:
    'Thiết bị ký số không trả lời (hoặc chưa nhập PIN trên thiết bị). Rút token ra, cắm lại rồi thử lại; các văn bản chưa ký vẫn giữ nguyên.',
  TOKEN_REMOVED:
    'Thiết bị ký số đã bị rút ra hoặc mất kết nối. Các văn bản chưa ký vẫn giữ nguyên; cắm lại token rồi ký tiếp.',
  TOKEN_PIN_REQUIRED: 'Cần nhập mã PIN của token để ký.',
  TOKEN_PIN_INCORRECT:
    'Mã PIN không đúng. Token không cho biết còn bao nhiêu lần thử; kiểm tra kỹ trước khi nhập lại vì nhập sai nhiều lần token sẽ bị khóa.',
  TOKEN_PIN_COUNT_LOW:
    'Mã PIN không đúng. Token báo số lần thử còn lại đã ít; kiểm tra kỹ trước khi nhập lại vì nhập sai nhiều lần token sẽ bị khóa.',
  TOKEN_PIN_FINAL_TRY:
    'Mã PIN không đúng. Chỉ còn 1 lần thử: nhập sai lần nữa token sẽ bị khóa. Nếu không chắc mã PIN, hãy liên hệ nhà cung cấp chữ ký số.',
  TOKEN_PIN_FINAL_TRY_UNCONFIRMED:
    'Token chỉ còn 1 lần nhập mã PIN: nhập sai lần này token sẽ bị khóa. Chỉ ký tiếp khi chắc chắn mã PIN đúng, và xác nhận điều đó.',
  TOKEN_PIN_LOCKED:
    'Token đã bị khóa vì nhập sai mã PIN quá số lần cho phép. Liên hệ nhà cung cấp chữ ký số để mở khóa; không thử thêm.',
  TOKEN_PIN_FORMAT: 'Mã PIN không đúng độ dài hoặc định dạng mà token yêu cầu. Kiểm tra lại mã PIN.',
  TOKEN_LOGIN_CANCELLED: 'Đã hủy nhập mã PIN trên thiết bị. Chưa văn bản nào được ký.',
  TOKEN_CERT_NOT_FOUND:
    'Không thấy chứng thư số đã chọn trên các token đang cắm. Cắm đúng token hoặc chọn lại chứng thư số.',
  TOKEN_KEY_NOT_FOUND: 'Token không có khóa bí mật đi kèm chứng thư số đã chọn, nên không ký được bằng chứng thư này.',
  TOKEN_ERROR:
    'Thiết bị ký số báo lỗi. Rút token ra, cắm lại rồi thử lại; nếu vẫn lỗi, liên hệ nhà cung cấp chữ ký số.',
  CERT_EXPIRED: 'Chứng thư số đã hết hạn, không dùng để ký được nữa. Liên hệ nhà cung cấp chữ ký số để gia hạn.',
  CERT_NOT_YET_VALID: 'Chứng thư số chưa đến ngày có hiệu lực. Kiểm tra lại ngày giờ của máy tính.',
  CERT_NO_SIGNING_USAGE:
    'Chứng thư số này không dùng để ký (chỉ để mã hóa hoặc xác thực). Chọn chứng thư số ký khác trên token.',
  SIGN_NOT_ALLOWED: 'Văn bản này không ký được: chỉ ký văn bản đi (dự thảo hoặc đã cấp số) có tệp PDF văn bản chính.',
  SIGN_ORDER:
    'Chưa ký được theo thứ tự này: văn bản phải có chữ ký của người có thẩm quyền trước, chữ ký số của cơ quan ký sau cùng và chỉ một lần.',
  SIGN_NUMBER_TAKEN:
    'Số văn bản vừa được cấp cho một văn bản khác trong lúc ký; văn bản này chưa bị thay đổi. Hãy ký lại.',
  SIGN_FILE_CHANGED:
    'Tệp của văn bản vừa bị thay đổi trong lúc ký nên bản ký này đã bị bỏ; tệp hiện tại giữ nguyên. Hãy ký lại.',
  SIGN_IMAGE_INVALID: 'Ảnh chữ ký hoặc con dấu phải là tệp PNG nền trong suốt. Chọn lại tệp ảnh.',
  SIGN_IMAGE_MISSING:
    'Chưa có ảnh chữ ký hoặc ảnh con dấu để hiển thị theo Nghị định 30/2020. Vào Cài đặt để thêm ảnh rồi ký lại.',
  SIGN_PLACEMENT_INVALID: 'Vị trí đặt chữ ký nằm ngoài trang. Chọn lại trang và vị trí.',
  OCR_CANCELLED: 'Đã dừng nhận dạng chữ theo yêu cầu; chữ của bản quét sẽ được đọc sau, khi máy rảnh.',
  SIGN_NO_ROOM:
    'Khoảng trống giữa chức vụ và tên người ký trên văn bản quá hẹp, chữ ký đặt vào sẽ quá nhỏ để nhận ra. Chưa ký văn bản nào; hãy chọn chỗ đặt chữ ký trên trang rồi ký lại.',
  SIGN_RESULT_INVALID:
    'Tệp vừa ký không vượt qua bước tự kiểm tra chữ ký nên đã bị bỏ; văn bản gốc không thay đổi. Báo bộ phận kỹ thuật.',
  SIGN_SPACE_EXCEEDED:
    'Chữ ký số lớn hơn chỗ dành sẵn trong tệp PDF; văn bản gốc không thay đổi. Báo bộ phận kỹ thuật.',
  CERT_UNREADABLE:
    'Không đọc được chứng thư số trong tệp đã chọn. Chọn tệp chứng thư số dạng .cer, .crt, .der hoặc .pem.',
  TRUST_NOT_CA:
    'Chứng thư số này là của một người ký, không phải của tổ chức cung cấp dịch vụ chứng thực (CA), nên không thêm vào danh sách tin cậy. Chọn chứng thư số gốc của CA.',
  TRUST_NOT_FOUND: 'Không thấy chứng thư số này trong danh sách CA tin cậy. Kiểm tra lại mã (dấu vân tay SHA-256).',
  CRL_UNREADABLE:
    'Không đọc được danh sách thu hồi chứng thư số (CRL) trong tệp đã chọn. Chọn tệp .crl do tổ chức cung cấp dịch vụ chứng thực phát hành.',
  REGISTER_NOT_HELD:
    'Máy này không giữ sổ văn bản của cơ quan nên không cấp số được (để hai máy không cấp trùng số). Cấp số trên máy văn thư giữ sổ.',
  SYNC_NOT_CONNECTED:
    'Máy này chưa kết nối với máy chủ của tỉnh. Vào Cài đặt, nhập địa chỉ máy chủ và mã đăng ký do tỉnh cấp.',
  SYNC_OFFLINE:
    'Không kết nối được máy chủ của tỉnh (mất mạng hoặc đường truyền chập chờn). Mọi văn bản vẫn được giữ trên máy; vanthu sẽ tự gửi lại khi có mạng.',
  SYNC_BAD_REPLY:
    'Máy chủ của tỉnh trả lời không đúng định dạng. Chưa có gì bị mất; vanthu sẽ thử lại. Nếu lỗi lặp lại, báo cho bộ phận kỹ thuật của tỉnh.',
  SYNC_HUB_ERROR: 'Máy chủ của tỉnh đang gặp lỗi. Chưa có gì bị mất; vanthu sẽ thử lại sau.',
  SYNC_ENROLL_CODE_INVALID:
    'Mã đăng ký không đúng, đã dùng hoặc đã hết hạn. Xin bộ phận kỹ thuật của tỉnh cấp mã mới rồi kết nối lại.',
  SYNC_CREDENTIAL_EXPIRED:
    'Quyền kết nối của máy này với máy chủ của tỉnh đã hết hạn hoặc bị thu hồi. Xin mã đăng ký mới và kết nối lại; các văn bản chờ gửi vẫn được giữ.',
  SYNC_FORBIDDEN:
    'Máy chủ của tỉnh từ chối truy cập dữ liệu này vì không thuộc cơ quan của máy. Chưa có gì bị thay đổi.',
  SYNC_AGENCY_MISMATCH:
    'Mã đăng ký này được cấp cho một cơ quan khác, không phải cơ quan trên máy này. Kiểm tra lại mã với bộ phận kỹ thuật của tỉnh.',
  SYNC_PERSON_UNKNOWN:
    'Máy chủ của tỉnh chưa có tên cán bộ này (danh sách cán bộ chưa được đồng bộ lên). Bấm "Đồng bộ ngay" rồi tạo mã lại.',
  SYNC_BUSY: 'Đang đồng bộ rồi; chờ lần đồng bộ này xong.',
  SYNC_PROTOCOL: 'Phiên bản vanthu không khớp với máy chủ của tỉnh. Hãy cập nhật vanthu.',
  EXPORT_TOO_LARGE:
    'Khoảng thời gian đã chọn có quá nhiều văn bản để xuất thành một tệp (tối đa 100.000 dòng). Hãy chọn khoảng ngày ngắn hơn và xuất thành nhiều tệp.',
  IPC_FORBIDDEN:
    'Yêu cầu bị từ chối vì không đến từ cửa sổ của vanthu. Đóng cửa sổ lạ (nếu có) rồi thao tác lại trong cửa sổ chính của vanthu.',
  BROWSER_SESSION_INVALID:
    'Phiên làm việc trên trình duyệt không hợp lệ hoặc đã hết (vanthu vừa được mở lại, hoặc đường dẫn đăng nhập đã được dùng một lần). Khởi động lại vanthu và mở đường dẫn mới in ra khi khởi động.',
  BROWSER_FORBIDDEN:
    'Yêu cầu bị từ chối vì không đến từ trang vanthu trên chính máy này. Mở vanthu bằng đường dẫn in ra khi khởi động.',
  REQUEST_TOO_LARGE: 'Dữ liệu gửi lên quá lớn. Hãy chọn tệp nhỏ hơn hoặc tách thành nhiều tệp.',
  ROUTE_NOT_FOUND: 'Không có chức năng này ở địa chỉ đã gọi. Tải lại trang vanthu rồi thử lại.',
  HOST_CLOSING: 'vanthu đang đóng lại nên chưa làm thao tác này. Mở lại vanthu rồi thử lại.',
  INTERNAL:
    'Đã xảy ra lỗi ngoài dự kiến; thao tác vừa rồi chưa hoàn tất. Hãy thử lại, nếu vẫn lỗi thì báo cho bộ phận kỹ thuật.',
} as const;

export type ErrorCode = keyof typeof errorMessages;

/** What crosses any boundary (IPC, HTTP, CLI --json): plain data, no stack. */
export interface ErrorValue {
  code: ErrorCode;
  message: string;
  detail?: string;
  fields?: Record<string, string>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly fields: Record<string, string> | undefined;

  constructor(code: ErrorCode, detail?: string, options?: { fields?: Record<string, string>; cause?: unknown }) {
    super(errorMessages[code], options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.fields = options?.fields;
  }

  toValue(): ErrorValue {
    return {
      code: this.code,
      message: this.message,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(this.fields === undefined ? {} : { fields: this.fields }),
    };
  }
}

/** Any thrown thing as an ErrorValue; unknown errors keep their text only as log detail. */
export function toErrorValue(error: unknown): ErrorValue {
  if (error instanceof AppError) return error.toValue();
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'INTERNAL', message: errorMessages.INTERNAL, detail };
}
