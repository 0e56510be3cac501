import { describe, expect, it } from 'vitest';
import { beginsAgency, registerAgencyName } from '../../core/documents/agency-name.ts';

describe('an agency from a letter’s header, as the register writes it', () => {
  it('writes "ỦY BAN NHÂN DÂN / XÃ ĐÔNG TIẾN" as "UBND xã Đông Tiến"', () => {
    expect(registerAgencyName(['ỦY BAN NHÂN DÂN', 'XÃ ĐÔNG TIẾN'])).toBe('UBND xã Đông Tiến');
  });

  it('reads "UỶ" with the tone on the old place the same', () => {
    expect(registerAgencyName(['UỶ BAN NHÂN DÂN', 'XÃ ĐÔNG TIẾN'])).toBe('UBND xã Đông Tiến');
  });

  it('joins a district name wrapped in a narrow column', () => {
    expect(registerAgencyName(['UBND HUYỆN ĐÔNG', 'SƠN'])).toBe('UBND huyện Đông Sơn');
  });

  it('writes a health centre with its field capitalised and its place in title case', () => {
    expect(registerAgencyName(['TRUNG TÂM Y TẾ HUYỆN QUẢNG XƯƠNG'])).toBe('Trung tâm Y tế huyện Quảng Xương');
  });

  it('writes a department whose name runs across a dash', () => {
    expect(registerAgencyName(['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI'])).toBe('Sở Lao động - Thương binh và Xã hội');
    expect(registerAgencyName(['SỞ GIÁO DỤC VÀ ĐÀO TẠO'])).toBe('Sở Giáo dục và Đào tạo');
  });

  it('writes the district finance office as the register does', () => {
    expect(registerAgencyName(['PHÒNG TÀI CHÍNH - KẾ HOẠCH'])).toBe('Phòng Tài chính - Kế hoạch');
  });

  it('writes a city, a town and a ward in lower case before their names', () => {
    expect(registerAgencyName(['UBND THÀNH PHỐ THANH HÓA'])).toBe('UBND thành phố Thanh Hóa');
    expect(registerAgencyName(['ỦY BAN NHÂN DÂN', 'THỊ TRẤN RỪNG THÔNG'])).toBe('UBND thị trấn Rừng Thông');
    expect(registerAgencyName(['ỦY BAN NHÂN DÂN', 'PHƯỜNG ĐÔNG VỆ'])).toBe('UBND phường Đông Vệ');
    expect(registerAgencyName(['UBND THỊ XÃ NGHI SƠN'])).toBe('UBND thị xã Nghi Sơn');
    expect(registerAgencyName(['CÔNG AN PHƯỜNG ĐÔNG VỆ'])).toBe('Công an phường Đông Vệ');
  });

  it('writes the provincial council in its short form', () => {
    expect(registerAgencyName(['HỘI ĐỒNG NHÂN DÂN', 'TỈNH THANH HÓA'])).toBe('HĐND tỉnh Thanh Hóa');
  });

  it('keeps "Tĩnh" in "Hà Tĩnh" a name, not the level "tỉnh"', () => {
    expect(registerAgencyName(['UBND TỈNH HÀ TĨNH'])).toBe('UBND tỉnh Hà Tĩnh');
  });

  it('keeps "Quan" in "Quan Hóa" a name, not the level "quận"', () => {
    expect(registerAgencyName(['UBND HUYỆN QUAN HÓA'])).toBe('UBND huyện Quan Hóa');
  });

  it('keeps "Quân sự" a field, not a district, in the commune military command', () => {
    expect(registerAgencyName(['BAN CHỈ HUY QUÂN SỰ', 'XÃ ĐÔNG TIẾN'])).toMatch(/ Quân sự xã Đông Tiến$/u);
  });

  it('keeps the abbreviation in a school’s name', () => {
    expect(registerAgencyName(['TRƯỜNG THCS XÃ ĐÔNG TIẾN'])).toBe('Trường THCS xã Đông Tiến');
  });

  it('keeps a name already written in mixed case as it is', () => {
    expect(registerAgencyName(['UBND xã Đông Tiến'])).toBe('UBND xã Đông Tiến');
    expect(registerAgencyName(['Ủy ban nhân dân', 'xã Đông Tiến'])).toBe('UBND xã Đông Tiến');
    expect(registerAgencyName(['Trung tâm Y tế huyện Quảng Xương'])).toBe('Trung tâm Y tế huyện Quảng Xương');
  });

  it('drops a "|" or "." that OCR read at the ends of the name', () => {
    expect(registerAgencyName(['| ỦY BAN NHÂN DÂN', 'XÃ ĐÔNG TIẾN .'])).toBe('UBND xã Đông Tiến');
    expect(registerAgencyName(['TRUNG TÂM Y TẾ HUYỆN QUẢNG XƯƠNG|'])).toBe('Trung tâm Y tế huyện Quảng Xương');
  });

  it('drops the scan’s border that OCR read as "|" before each line of the column', () => {
    expect(registerAgencyName(['| ỦY BAN NHÂN DÂN', '| XÃ ĐÔNG TIẾN'])).toBe('UBND xã Đông Tiến');
  });

  it('reads a name written decomposed (NFD) the same', () => {
    expect(registerAgencyName(['ỦY BAN NHÂN DÂN'.normalize('NFD'), 'XÃ ĐÔNG TIẾN'.normalize('NFD')])).toBe(
      'UBND xã Đông Tiến',
    );
  });
});

describe('where one agency’s name ends and the next begins in the header', () => {
  it.each([
    'ỦY BAN NHÂN DÂN',
    'UBND HUYỆN QUẢNG XƯƠNG',
    'SỞ NỘI VỤ',
    'CÔNG AN XÃ ĐÔNG TIẾN',
    'TRUNG TÂM Y TẾ',
    'PHÒNG TÀI CHÍNH - KẾ HOẠCH',
  ])('"%s" begins an agency', (line) => {
    expect(beginsAgency(line)).toBe(true);
  });

  it.each(['XÃ ĐÔNG TIẾN', 'SƠN', 'HUYỆN QUẢNG XƯƠNG', 'THỊ TRẤN RỪNG THÔNG'])(
    '"%s" continues the name above',
    (line) => {
      expect(beginsAgency(line)).toBe(false);
    },
  );

  it('takes "BỐ TRẠCH" wrapped under "ỦY BAN NHÂN DÂN HUYỆN" for the rest of the name, not a ministry', () => {
    expect(beginsAgency('BỐ TRẠCH')).toBe(false);
  });
});
