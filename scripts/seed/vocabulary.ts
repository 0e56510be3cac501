// Word pools for a realistic commune archive (Thanh Hóa): who writes to a
// commune, about what, where, and the people named in its documents.

export const familyNames: readonly [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 5.1], ['Huỳnh', 1], ['Vũ', 3.9], ['Võ', 1], ['Phan', 4.5],
  ['Trương', 3.2], ['Bùi', 2], ['Đặng', 2.1], ['Đỗ', 1.4], ['Ngô', 1.3], ['Hồ', 1.3], ['Dương', 1], ['Đinh', 1], ['Đào', 0.6],
  ['Đoàn', 0.6], ['Lâm', 0.5], ['Mai', 0.5], ['Trịnh', 0.8], ['Lương', 0.5], ['Cao', 0.5], ['Hà', 0.5], ['Lưu', 0.3], ['Tạ', 0.3],
  ['Tô', 0.3], ['Quách', 0.3], ['Lại', 0.2], ['Thái', 0.2], ['Kiều', 0.1], ['Khương', 0.1], ['Chu', 0.2], ['Vương', 0.2], ['Triệu', 0.2],
  ['Lò', 0.2], ['Hà', 0.2], ['Cầm', 0.1], ['Lục', 0.1], ['Mạc', 0.1], ['Văn', 0.1], ['Tống', 0.2], ['Phùng', 0.2], ['Nghiêm', 0.1],
  ['Doãn', 0.1], ['Khổng', 0.1], ['Lăng', 0.05], ['Viên', 0.05], ['Thân', 0.1], ['Hứa', 0.1], ['Mẫn', 0.05], ['Bạch', 0.05],
  ['Âu', 0.05], ['Ông', 0.05], ['La', 0.05], ['Diệp', 0.05], ['Tôn', 0.05], ['Giang', 0.1], ['Đàm', 0.1], ['Kim', 0.05], ['Nhữ', 0.05],
  ['Lữ', 0.05], ['Đồng', 0.1], ['Ninh', 0.05], ['Yên', 0.05],
];

export const middleNames = [
  'Văn', 'Thị', 'Hữu', 'Đức', 'Công', 'Quang', 'Minh', 'Ngọc', 'Thanh', 'Xuân', 'Đình', 'Bá', 'Trọng', 'Kim', 'Thu', 'Hồng', 'Anh',
  'Mạnh', 'Tiến', 'Quốc', 'Hoài', 'Khánh', 'Phương', 'Bích', 'Diệu', 'Gia', 'Huy', 'Nhật', 'Thế', 'Viết', 'Duy', 'Hải', 'Như', 'Tuấn',
  'Trung', 'Sỹ', 'Cảnh', 'Doãn', 'Khắc', 'Phú',
];

export const givenNames = [
  'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chi', 'Chiến', 'Công', 'Dũng', 'Dung', 'Duy', 'Dương', 'Đạt', 'Đức', 'Điệp', 'Định', 'Đông',
  'Giang', 'Hà', 'Hải', 'Hạnh', 'Hằng', 'Hiền', 'Hiếu', 'Hoa', 'Hòa', 'Hoàng', 'Hồng', 'Huệ', 'Hùng', 'Hưng', 'Hương', 'Hường',
  'Huyền', 'Khánh', 'Khoa', 'Kiên', 'Lan', 'Liên', 'Linh', 'Loan', 'Long', 'Lộc', 'Lợi', 'Luân', 'Lý', 'Mai', 'Minh', 'My', 'Nam',
  'Nga', 'Ngân', 'Nghĩa', 'Ngọc', 'Nhung', 'Oanh', 'Phong', 'Phúc', 'Phương', 'Phượng', 'Quang', 'Quân', 'Quyết', 'Quỳnh', 'Sơn',
  'Sang', 'Tài', 'Tâm', 'Tân', 'Thắng', 'Thanh', 'Thành', 'Thảo', 'Thịnh', 'Thu', 'Thủy', 'Thúy', 'Tiến', 'Toàn', 'Trang', 'Trí',
  'Trinh', 'Trung', 'Tú', 'Tuấn', 'Tùng', 'Tuyết', 'Uyên', 'Vân', 'Việt', 'Vinh', 'Vũ', 'Xuân', 'Yến', 'Ánh', 'Ân', 'Bằng', 'Biên',
  'Cảnh', 'Châu', 'Chính', 'Chung', 'Cúc', 'Diễm', 'Diệu', 'Doanh', 'Đào', 'Đoan', 'Gấm', 'Hạ', 'Hân', 'Hậu', 'Hiển', 'Hiệp',
  'Hợi', 'Hợp', 'Huân', 'Khải', 'Khang', 'Khiêm', 'Khôi', 'Kỳ', 'Lam', 'Lâm', 'Lành', 'Lệ', 'Liễu', 'Lịch', 'Luyến', 'Lương',
  'Mạnh', 'Mến', 'Miên', 'Mỹ', 'Nết', 'Nguyệt', 'Nhàn', 'Nhân', 'Nhi', 'Ninh', 'Nụ', 'Nương', 'Phát', 'Phấn', 'Phụng', 'Quế',
  'Quý', 'Sáu', 'Sen', 'Sinh', 'Sương', 'Tám', 'Thái', 'Thao', 'Thắm', 'Thân', 'Thiện', 'Thoa', 'Thơ', 'Thơm', 'Thông', 'Thư',
  'Thục', 'Thuận', 'Thương', 'Tiên', 'Tĩnh', 'Tình', 'Trà', 'Triều', 'Trọng', 'Trường', 'Tuệ', 'Tươi', 'Tường', 'Tuyên', 'Văn',
  'Vấn', 'Vi', 'Vĩnh', 'Vượng', 'Xoan', 'Ý', 'Yên', 'Bích', 'Cần', 'Chinh', 'Đảm', 'Đằng', 'Đệ', 'Giáp', 'Hảo', 'Hinh', 'Hoan',
  'Hội', 'Hữu', 'Khuê', 'Kiều', 'Lạng', 'Lĩnh', 'Lụa', 'Mão', 'Mùi', 'Nậm', 'Ngát', 'Nghị', 'Nhạn', 'Nhất', 'Phiên', 'Quảng',
  'Quyên', 'Sâm', 'Sửu', 'Tạo', 'Thìn', 'Thịnh', 'Thuần', 'Tỵ', 'Uông', 'Vỹ', 'Xuyến', 'Hạnh', 'Chiêm', 'Đàn', 'Điềm', 'Đông',
  'Giao', 'Hoạt', 'Huấn', 'Hưởng', 'Kha', 'Khiết', 'Khuyên', 'Lai', 'Lạc', 'Lập', 'Luật', 'Mười', 'Nghiệp', 'Ngoạn', 'Nhiên',
  'Phán', 'Phước', 'Quyền', 'Sáng', 'Tạc', 'Thạch', 'Thiêm', 'Thiều', 'Thuật', 'Toản', 'Trác', 'Tráng', 'Trân', 'Tư', 'Ước',
  'Vạn', 'Vịnh', 'Xương', 'Hiên', 'Cương', 'Đích', 'Hách', 'Khâm', 'Lãm', 'Ngạn', 'Phẩm', 'Quán', 'Thỏa', 'Thụ', 'Trưng',
];

export const districts = [
  'Quảng Xương', 'Hoằng Hóa', 'Hậu Lộc', 'Nga Sơn', 'Thọ Xuân', 'Triệu Sơn', 'Đông Sơn', 'Nông Cống', 'Tĩnh Gia', 'Thiệu Hóa',
  'Yên Định', 'Vĩnh Lộc', 'Thạch Thành', 'Cẩm Thủy', 'Bá Thước', 'Lang Chánh', 'Ngọc Lặc', 'Thường Xuân', 'Như Xuân', 'Như Thanh',
  'Quan Hóa', 'Quan Sơn', 'Mường Lát', 'Hà Trung',
];

export const communes = [
  'Quảng Phú', 'Quảng Tân', 'Quảng Trạch', 'Quảng Định', 'Quảng Nhân', 'Quảng Ninh', 'Quảng Bình', 'Quảng Hợp', 'Quảng Văn',
  'Quảng Long', 'Quảng Yên', 'Quảng Hòa', 'Quảng Khê', 'Quảng Trung', 'Quảng Chính', 'Quảng Ngọc', 'Quảng Trường', 'Quảng Phúc',
  'Quảng Vọng', 'Quảng Giao', 'Quảng Hải', 'Quảng Lưu', 'Quảng Lộc', 'Quảng Lĩnh', 'Quảng Thái', 'Quảng Thạch', 'Quảng Nham',
  'Hoằng Trinh', 'Hoằng Sơn', 'Hoằng Lương', 'Hoằng Xuyên', 'Hoằng Cát', 'Hoằng Khê', 'Hoằng Quý', 'Hoằng Hợp', 'Hoằng Phúc',
  'Đa Lộc', 'Ngư Lộc', 'Minh Lộc', 'Hải Lộc', 'Hưng Lộc', 'Nga Thạch', 'Nga Bạch', 'Nga Thanh', 'Nga Yên', 'Nga Điền',
  'Xuân Lập', 'Xuân Tín', 'Thọ Hải', 'Thọ Diên', 'Đông Hoàng', 'Đông Khê', 'Đông Thịnh', 'Thiệu Vận', 'Thiệu Giao', 'Định Tân',
  'Định Liên', 'Vĩnh Hùng', 'Vĩnh Thịnh', 'Thạch Bình', 'Thành Vinh', 'Cẩm Tú', 'Cẩm Long', 'Điền Quang', 'Lũng Niêm',
  'Giao An', 'Minh Sơn', 'Phùng Giáo', 'Lương Sơn', 'Xuân Cao', 'Thanh Quân', 'Cán Khê', 'Hồi Xuân', 'Trung Lý', 'Tam Chung',
];

export const hamlets = [
  'Đông Hải', 'Tây Hải', 'Nam Sơn', 'Bắc Sơn', 'Trung Đông', 'Trung Tây', 'Phú Cường', 'Phú Thịnh', 'Tân Lập', 'Tân Thành',
  'Hòa Bình', 'Đồng Xuân', 'Thượng Đông', 'Hạ Đông', 'Yên Trạch', 'Kênh Than', 'Đồng Tâm', 'Hợp Nhất', 'Quyết Thắng', 'Thắng Lợi',
  'Đoài Thôn', 'Chợ Phú', 'Văn Trinh', 'Xuân Phong', 'Sơn Hà', 'Thủy Trung', 'Làng Vạc', 'Làng Mít', 'Bản Pọng', 'Bản Khò Mường',
  'Cự Khánh', 'Phú Khê', 'Liên Châu', 'Đông Thanh', 'Tiền Phong', 'Hậu Hiền', 'Kim Sơn', 'Ngọc Trà', 'Thái Lai', 'An Thái',
  'Yên Vực', 'Vinh Quang', 'Bình Minh', 'Hồng Kỳ', 'Đồng Lạc', 'Nội Hà', 'Tân Phong', 'Trường Sơn', 'Hòa Thanh', 'Mỹ Điền',
];

export interface Issuer {
  name: string;
  /** Organisation part of its notations: UBND, SYT… */
  abbreviation: string;
  units: readonly string[];
  weight: number;
}

const district = (name: string): Issuer[] => [
  { name: `UBND huyện ${name}`, abbreviation: 'UBND', units: ['VP', 'NV', 'TNMT', 'TCKH', 'KT', 'LĐTBXH', 'GDĐT', 'VHTT', 'YT', 'TP'], weight: 6 },
  { name: `Phòng Tài nguyên và Môi trường huyện ${name}`, abbreviation: 'TNMT', units: ['ĐĐ', 'MT'], weight: 2 },
  { name: `Phòng Tài chính - Kế hoạch huyện ${name}`, abbreviation: 'TCKH', units: ['NS', 'KH'], weight: 1.5 },
  { name: `Phòng Nội vụ huyện ${name}`, abbreviation: 'NV', units: ['TCCB', 'TĐKT'], weight: 1.5 },
  { name: `Phòng Lao động - Thương binh và Xã hội huyện ${name}`, abbreviation: 'LĐTBXH', units: ['BTXH', 'NCC'], weight: 1.5 },
  { name: `Phòng Giáo dục và Đào tạo huyện ${name}`, abbreviation: 'PGDĐT', units: ['TH', 'THCS'], weight: 1 },
  { name: `Trung tâm Y tế huyện ${name}`, abbreviation: 'TTYT', units: ['KSBT', 'DS'], weight: 1 },
  { name: `Công an huyện ${name}`, abbreviation: 'CAH', units: ['QLHC', 'CSGT'], weight: 1 },
  { name: `Ban Chỉ huy Quân sự huyện ${name}`, abbreviation: 'BCH', units: ['TM', 'CT'], weight: 1 },
  { name: `Huyện ủy ${name}`, abbreviation: 'HU', units: ['BTC', 'BTG', 'UBKT'], weight: 1 },
  { name: `Chi cục Thuế khu vực ${name}`, abbreviation: 'CCT', units: ['KK', 'TB'], weight: 0.5 },
];

export const issuers: readonly Issuer[] = [
  { name: 'UBND tỉnh Thanh Hóa', abbreviation: 'UBND', units: ['VX', 'NN', 'KTTC', 'THKH', 'CN', 'NC'], weight: 4 },
  { name: 'Văn phòng UBND tỉnh Thanh Hóa', abbreviation: 'VP', units: ['HCTC', 'KSTTHC'], weight: 1 },
  { name: 'Sở Y tế tỉnh Thanh Hóa', abbreviation: 'SYT', units: ['NVY', 'NVD', 'KHTC'], weight: 1.5 },
  { name: 'Sở Tài nguyên và Môi trường tỉnh Thanh Hóa', abbreviation: 'STNMT', units: ['QLĐĐ', 'MT'], weight: 1.5 },
  { name: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Thanh Hóa', abbreviation: 'SNN&PTNT', units: ['TTBVTV', 'TL', 'KL'], weight: 1.5 },
  { name: 'Sở Giáo dục và Đào tạo tỉnh Thanh Hóa', abbreviation: 'SGDĐT', units: ['GDTrH', 'GDTH', 'KHTC'], weight: 1 },
  { name: 'Sở Nội vụ tỉnh Thanh Hóa', abbreviation: 'SNV', units: ['XDCQ', 'TĐKT'], weight: 1 },
  { name: 'Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa', abbreviation: 'SLĐTBXH', units: ['BTXH', 'NCC'], weight: 1 },
  { name: 'Sở Thông tin và Truyền thông tỉnh Thanh Hóa', abbreviation: 'STTTT', units: ['CNTT', 'BCVT'], weight: 1 },
  { name: 'Sở Tư pháp tỉnh Thanh Hóa', abbreviation: 'STP', units: ['HCTP', 'PBGDPL'], weight: 0.8 },
  { name: 'Sở Tài chính tỉnh Thanh Hóa', abbreviation: 'STC', units: ['NS', 'QLG'], weight: 0.8 },
  { name: 'Sở Xây dựng tỉnh Thanh Hóa', abbreviation: 'SXD', units: ['QLN', 'KTXD'], weight: 0.6 },
  { name: 'Công an tỉnh Thanh Hóa', abbreviation: 'CAT', units: ['PC06', 'PV01'], weight: 1 },
  { name: 'Bộ Chỉ huy Quân sự tỉnh Thanh Hóa', abbreviation: 'BCH', units: ['TM', 'CT'], weight: 0.6 },
  { name: 'Bảo hiểm xã hội tỉnh Thanh Hóa', abbreviation: 'BHXH', units: ['QLT', 'CĐBHXH'], weight: 0.8 },
  { name: 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thanh Hóa', abbreviation: 'MTTQ', units: ['BTT'], weight: 0.5 },
  { name: 'Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh', abbreviation: 'BCĐ', units: ['VP'], weight: 0.5 },
  ...districts.flatMap(district),
  { name: 'Đảng ủy xã', abbreviation: 'ĐU', units: ['VP'], weight: 2 },
  { name: 'Hội đồng nhân dân xã', abbreviation: 'HĐND', units: ['TT'], weight: 1 },
  { name: 'Ủy ban Mặt trận Tổ quốc xã', abbreviation: 'MTTQ', units: ['BTT'], weight: 1 },
  { name: 'Hội Nông dân xã', abbreviation: 'HND', units: ['BTV'], weight: 0.5 },
  { name: 'Đoàn Thanh niên xã', abbreviation: 'ĐTN', units: ['BCH'], weight: 0.5 },
  { name: 'Trường Tiểu học xã', abbreviation: 'TH', units: ['BGH'], weight: 0.5 },
  { name: 'Trạm Y tế xã', abbreviation: 'TYT', units: ['TYT'], weight: 0.5 },
  { name: 'Ngân hàng Chính sách xã hội huyện', abbreviation: 'NHCSXH', units: ['KHNV'], weight: 0.5 },
];

/** Verbs of administrative action, as subjects begin. */
export const actions = [
  'triển khai', 'tăng cường', 'kiểm tra', 'tổng kết', 'báo cáo kết quả', 'đề nghị', 'phê duyệt', 'giao chỉ tiêu', 'thành lập', 'kiện toàn',
  'bổ nhiệm', 'khen thưởng', 'xử phạt vi phạm hành chính về', 'rà soát', 'thống kê', 'hướng dẫn thực hiện', 'tổ chức', 'đẩy mạnh',
  'chấn chỉnh', 'thực hiện', 'điều chỉnh', 'bổ sung', 'sơ kết', 'giám sát', 'tuyên truyền', 'đôn đốc', 'phân bổ kinh phí', 'thanh tra',
  'cưỡng chế', 'xác minh', 'cung cấp thông tin về', 'lấy ý kiến góp ý', 'công khai', 'hỗ trợ', 'chi trả', 'thẩm định', 'nghiệm thu',
  'ban hành quy chế', 'phân công nhiệm vụ', 'tiếp tục thực hiện', 'khắc phục hậu quả', 'đánh giá', 'quyết toán', 'tạm ứng',
  'thu hồi', 'gia hạn', 'cấp phát', 'đăng ký', 'bàn giao', 'sáp nhập', 'di dời', 'cải tạo', 'nâng cấp', 'xây dựng',
];

/** What commune documents are about. */
export const topics = [
  'công tác phòng, chống dịch sốt xuất huyết', 'phòng, chống dịch bệnh trên đàn gia súc, gia cầm', 'phòng, chống dịch tả lợn châu Phi',
  'công tác phòng chống thiên tai và tìm kiếm cứu nạn', 'phòng, chống cháy rừng mùa khô', 'phòng chống lụt bão', 'xây dựng nông thôn mới nâng cao',
  'xây dựng nông thôn mới kiểu mẫu', 'cấp giấy chứng nhận quyền sử dụng đất', 'quản lý đất đai', 'giải phóng mặt bằng', 'đo đạc địa chính',
  'chuyển đổi cơ cấu cây trồng', 'sản xuất vụ Đông Xuân', 'sản xuất vụ Thu Mùa', 'tiêm chủng mở rộng', 'an toàn vệ sinh thực phẩm',
  'bảo hiểm y tế học sinh', 'bảo hiểm xã hội tự nguyện', 'chính sách người có công với cách mạng', 'trợ cấp bảo trợ xã hội',
  'rà soát hộ nghèo, hộ cận nghèo', 'giảm nghèo bền vững', 'chuyển đổi số', 'cải cách hành chính', 'dịch vụ công trực tuyến',
  'thu ngân sách nhà nước', 'thuế sử dụng đất phi nông nghiệp', 'dự toán ngân sách', 'quyết toán ngân sách', 'đầu tư công',
  'đường giao thông nông thôn', 'kiên cố hóa kênh mương', 'nạo vét kênh tưới tiêu', 'công trình thủy lợi', 'vệ sinh môi trường',
  'thu gom rác thải sinh hoạt', 'nước sạch nông thôn', 'an ninh trật tự', 'phòng chống tội phạm và tệ nạn xã hội', 'an toàn giao thông',
  'tuyển chọn và gọi công dân nhập ngũ', 'huấn luyện dân quân tự vệ', 'diễn tập khu vực phòng thủ', 'bầu cử đại biểu Hội đồng nhân dân',
  'tiếp công dân', 'giải quyết khiếu nại, tố cáo', 'hòa giải ở cơ sở', 'phổ biến giáo dục pháp luật', 'đăng ký hộ tịch',
  'cấp căn cước công dân', 'định danh điện tử', 'dân số và kế hoạch hóa gia đình', 'khuyến học, khuyến tài', 'phổ cập giáo dục',
  'tuyển sinh đầu cấp', 'xây dựng trường chuẩn quốc gia', 'văn hóa, thể thao', 'xây dựng gia đình văn hóa', 'lễ hội truyền thống',
  'bảo tồn di tích lịch sử', 'thi đua, khen thưởng', 'đánh giá, xếp loại cán bộ, công chức', 'bồi dưỡng cán bộ, công chức',
  'công tác dân vận chính quyền', 'quy chế dân chủ ở cơ sở', 'sắp xếp đơn vị hành chính', 'sáp nhập thôn, tổ dân phố',
  'kiểm kê rừng', 'trồng rừng thay thế', 'khai thác cát trái phép', 'xây dựng trái phép trên đất nông nghiệp', 'lấn chiếm hành lang giao thông',
  'quản lý trật tự xây dựng', 'chăm sóc trẻ em có hoàn cảnh đặc biệt', 'bình đẳng giới', 'phòng, chống bạo lực gia đình',
  'hỗ trợ nhà ở cho hộ nghèo', 'xóa nhà tạm, nhà dột nát', 'tín dụng chính sách', 'hợp tác xã nông nghiệp', 'sản phẩm OCOP',
  'du lịch cộng đồng', 'chợ nông thôn', 'điện chiếu sáng công cộng', 'nghĩa trang nhân dân', 'thống kê nông nghiệp',
  'điều tra dân số giữa kỳ', 'tổng điều tra kinh tế', 'lưu trữ hồ sơ', 'công tác văn thư', 'chữ ký số chuyên dùng',
];

export const reasons = [
  'theo chỉ đạo của UBND huyện', 'theo kế hoạch đã ban hành', 'trước mùa mưa bão', 'trong dịp Tết Nguyên đán', 'đợt cao điểm',
  'sau đợt kiểm tra', 'theo đề nghị của Trưởng thôn', 'theo phản ánh của nhân dân', 'theo kết luận thanh tra', 'trong 6 tháng đầu năm',
  'quý I', 'quý II', 'quý III', 'quý IV', 'giai đoạn 2021 - 2025', 'giai đoạn 2026 - 2030', 'trên địa bàn xã', 'tại các thôn',
];

export const signerTitles: readonly [string, number][] = [
  ['Chủ tịch', 5],
  ['Phó Chủ tịch', 4],
  ['Phó Chủ tịch Thường trực', 1],
];

/** Sentences of document bodies; {…} slots are filled from the pools above. */
export const bodySentences = [
  'Thực hiện {ref} về việc {topic}, UBND xã {commune} yêu cầu các thôn triển khai thực hiện nghiêm túc.',
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015.',
  'Căn cứ tình hình thực tế tại địa phương, UBND xã ban hành kế hoạch {topic} {reason}.',
  'Giao công chức {unit} chủ trì, phối hợp với Trưởng các thôn tổ chức thực hiện.',
  'Trưởng thôn {hamlet} có trách nhiệm thông báo rộng rãi đến nhân dân trong thôn.',
  'Đề nghị các ban, ngành, đoàn thể phối hợp chặt chẽ trong quá trình thực hiện.',
  'Báo cáo kết quả về UBND xã trước ngày {day} tháng {month} năm {year} để tổng hợp.',
  'Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo về UBND xã để được hướng dẫn.',
  'Hộ ông (bà) {person}, thôn {hamlet} đã hoàn thiện hồ sơ theo quy định.',
  'Kinh phí thực hiện từ nguồn ngân sách xã năm {year} và các nguồn huy động hợp pháp khác.',
  'Tổng diện tích đất đề nghị cấp giấy chứng nhận là {number} m2, thuộc tờ bản đồ số {small}, thửa đất số {number}.',
  'Đến nay đã có {small} thôn hoàn thành, đạt {percent}% kế hoạch.',
  'Ban Chỉ đạo xã đã tổ chức kiểm tra thực tế tại thôn {hamlet} và thôn {hamlet2}.',
  'Các thành viên Ban Chỉ đạo được phân công phụ trách địa bàn theo danh sách kèm theo.',
  'Văn phòng - Thống kê xã tổng hợp, tham mưu báo cáo UBND huyện {district} theo quy định.',
  'Nhân dân đồng tình, ủng hộ chủ trương {topic} của địa phương.',
  'Tiếp tục tuyên truyền trên hệ thống loa truyền thanh của xã và các thôn.',
  'Công an xã tăng cường tuần tra, kiểm soát, giữ vững an ninh trật tự {reason}.',
  'Đề nghị UBND huyện {district} quan tâm, hỗ trợ kinh phí để địa phương hoàn thành nhiệm vụ.',
  'Tổng số hộ được hỗ trợ là {number} hộ, với tổng kinh phí {number} triệu đồng.',
  'Ông {person}, Phó Chủ tịch UBND xã chịu trách nhiệm chỉ đạo chung.',
  'Bà {person}, công chức Văn hóa - Xã hội theo dõi, đôn đốc việc thực hiện.',
  'Thời gian thực hiện từ ngày {day} tháng {month} đến hết ngày {day2} tháng {month} năm {year}.',
  'Quyết định này có hiệu lực kể từ ngày ký.',
  'Văn phòng UBND xã, các công chức chuyên môn và Trưởng các thôn chịu trách nhiệm thi hành quyết định này.',
  'Nơi nhận: như trên; Thường trực Đảng ủy, HĐND xã; lưu VT.',
  'Kết quả kiểm tra cho thấy còn {small} trường hợp chưa thực hiện đúng quy định, cần khắc phục ngay.',
  'UBND xã {commune} trân trọng kính mời đồng chí {person} đến dự hội nghị.',
  'Hội nghị được tổ chức vào lúc {small} giờ 00 ngày {day} tháng {month} năm {year} tại hội trường UBND xã.',
  'Đề nghị các đồng chí đến dự đầy đủ, đúng thời gian.',
  'Tình hình {topic} trên địa bàn cơ bản ổn định, không có diễn biến phức tạp.',
  'Số liệu tính đến ngày {day} tháng {month} năm {year}.',
  'Dự kiến trong thời gian tới tiếp tục đẩy mạnh {topic2}.',
  'Trạm Y tế xã phối hợp phun hóa chất diệt muỗi tại thôn {hamlet}.',
  'Hợp tác xã dịch vụ nông nghiệp {commune} cung ứng giống, vật tư cho bà con.',
  'Tổng sản lượng lương thực ước đạt {number} tấn, tăng {percent}% so với cùng kỳ.',
  'Đoàn kiểm tra liên ngành đã lập biên bản, xử lý {small} trường hợp vi phạm.',
  'Hồ sơ gồm: đơn đề nghị, bản sao giấy tờ tùy thân và các giấy tờ có liên quan.',
  'Thời hạn giải quyết không quá {small} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
  'Mọi vướng mắc liên hệ đồng chí {person}, số điện thoại 0{phone}.',
];

export const references = [
  'Kế hoạch số {n}/KH-UBND của UBND huyện {district}', 'Công văn số {n}/UBND-VP của UBND tỉnh Thanh Hóa',
  'Chỉ thị số {n}/CT-UBND của Chủ tịch UBND tỉnh', 'Nghị quyết số {n}/NQ-HĐND của HĐND xã', 'Quyết định số {n}/QĐ-UBND của UBND huyện {district}',
  'Hướng dẫn số {n}/HD-SYT của Sở Y tế', 'Thông báo kết luận số {n}-TB/HU của Huyện ủy {district}',
];

export const units = ['Văn phòng - Thống kê', 'Địa chính - Xây dựng', 'Tài chính - Kế toán', 'Tư pháp - Hộ tịch', 'Văn hóa - Xã hội', 'Công an xã', 'Ban Chỉ huy Quân sự xã'];

// The long tail: rarely met syllables for given names and the names of
// mountain villages (bản), so the archive has rare words as a real one does.
const onsets = ['b', 'c', 'ch', 'd', 'đ', 'g', 'gi', 'h', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 's', 't', 'th', 'tr', 'v', 'x'];
const rhymes = [
  'a', 'ai', 'an', 'ang', 'anh', 'ao', 'at', 'ay', 'ăm', 'ăn', 'âm', 'ân', 'âu', 'ây', 'e', 'em', 'en', 'eo', 'ê', 'êm', 'ênh',
  'i', 'im', 'in', 'inh', 'iu', 'o', 'oa', 'oai', 'oan', 'oang', 'oanh', 'oi', 'om', 'on', 'ong', 'ô', 'ôi', 'ôm', 'ông', 'ơ', 'ơi',
  'ơm', 'ơn', 'u', 'ui', 'um', 'un', 'ung', 'uy', 'ư', 'ưa', 'ưng', 'ươi', 'ương',
];
const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

export const rareSyllables: readonly string[] = onsets.flatMap((onset) =>
  rhymes.flatMap((rhyme) =>
    tones.map((tone) => {
      const syllable = `${onset}${rhyme.replace(/[aăâeêioôơuưy]/, (vowel) => `${vowel}${tone}`)}`.normalize('NFC');
      return syllable.charAt(0).toUpperCase() + syllable.slice(1);
    }),
  ),
);
