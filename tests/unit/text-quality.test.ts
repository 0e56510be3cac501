import { describe, expect, it } from 'vitest';
import { isUsableText, MIN_OCR_WORDS } from '../../core/documents/text-quality.ts';

describe('whether a page’s text layer can be believed', () => {
  it('believes the text of a letter typed in Unicode', () => {
    const letter = [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'Ủy ban nhân dân xã Đông Tiến báo cáo kết quả rà soát hộ nghèo, hộ cận nghèo năm 2024 như sau:',
      '\t1. Tổng số hộ trên địa bàn: 1.245 hộ.',
    ].join('\r\n');
    expect(isUsableText(letter)).toBe(true);
    expect(isUsableText(letter, MIN_OCR_WORDS)).toBe(true);
  });

  it('believes a letter whose header is in capitals', () => {
    expect(isUsableText('ỦY BAN NHÂN DÂN\nXÃ ĐÔNG TIẾN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(true);
  });

  it('believes a cover page that says only "Số: 3/UBND-VP"', () => {
    expect(isUsableText('Số: 3/UBND-VP')).toBe(true);
  });

  it('does not throw a long letter away for one stray control character', () => {
    expect(
      isUsableText('Ủy ban nhân dân\u0007 xã Đông Tiến báo cáo kết quả thực hiện nhiệm vụ năm 2024 như sau:'),
    ).toBe(true);
  });

  it('reads a page with nothing but spaces, numbers or nothing at all like a scan', () => {
    expect(isUsableText('')).toBe(false);
    expect(isUsableText('  \n\t \r\n')).toBe(false);
    expect(isUsableText('15/2024 - 03.05')).toBe(false);
  });

  it('reads control characters from a font without a ToUnicode map like a scan', () => {
    expect(isUsableText('\u0001\u0002\u0003\u0004 \u0005\u0006\u0007 \u0008\u000b\u000c')).toBe(false);
    expect(isUsableText('Kính gửi\u0001\u0002\u0003\u0004\u0005\u0006')).toBe(false);
  });

  it('reads private-use code points like a scan', () => {
    expect(isUsableText('\uE001\uE002\uE003 \uE004\uE005\uE006\uE007')).toBe(false);
    expect(isUsableText('Ủy ban nhân dân \uE012\uE045\uE0A1\uE011 \uE0F3\uE00C')).toBe(false);
  });

  it('reads replacement characters (U+FFFD) like a scan', () => {
    expect(isUsableText('\uFFFD\uFFFD\uFFFD \uFFFD\uFFFD')).toBe(false);
    expect(isUsableText('Kế ho\uFFFDch \uFFFD\uFFFD\uFFFD\uFFFD tháng')).toBe(false);
  });

  it('reads Times New Roman glyph numbers taken for letters like a scan', () => {
    // A subset font without ToUnicode: pdf.js reads each glyph's number as a character code, 29 below the letter.
    expect(isUsableText("8%1'+8‹ 3& HUYÞN")).toBe(false);
    expect(isUsableText("8%1' +8<Ệ1 48Ả1* ;ƯƠ1*")).toBe(false);
    expect(isUsableText('&Ộ1* +Ò$ ;Ã +Ộ, &+Ủ 1*+Ĩ$ 9,Ệ7 1$0')).toBe(false);
    expect(isUsableText('Ủ\\ EDQ QKâQ GâQ [ã ĐôQJ 7LếQ EáR FáR NếW TXả WKựF KLệQ')).toBe(false);
    expect(isUsableText('&ăQ Fứ /XậW 7ổ FKứF FKíQK TX\\ềQ địD SKươQJ')).toBe(false);
  });

  it('reads a letter typed in the old TCVN3 (.VnTime) font like a scan', () => {
    expect(isUsableText('Uû ban nh©n d©n x· §«ng TiÕn b¸o c¸o kÕt qu¶ thùc hiÖn nh\u00ad sau:')).toBe(false);
    expect(isUsableText('C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph\u00ad¬ng ngµy 19 th¸ng 6 n¨m 2015;')).toBe(false);
  });

  it('reads the Quốc hiệu and tiêu ngữ typed in TCVN3 like a scan', () => {
    expect(isUsableText('Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc')).toBe(false);
  });

  it('reads a letter typed in the old VNI-Times font like a scan', () => {
    expect(isUsableText('UÛy ban nhaân daân xaõ Ñoâng Tieán baùo caùo keát quaû thöïc hieän nhö sau:')).toBe(false);
  });

  it('reads the Quốc hiệu and tiêu ngữ typed in VNI-Times like a scan', () => {
    expect(isUsableText('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc')).toBe(false);
  });

  it('does not take a word or two that OCR found in a seal or a signature for the page’s text', () => {
    expect(isUsableText('vì', MIN_OCR_WORDS)).toBe(false);
    expect(isUsableText('ỦY BAN', MIN_OCR_WORDS)).toBe(false);
    expect(isUsableText('Số: 3/UBND-VP', MIN_OCR_WORDS)).toBe(false);
    expect(isUsableText('Ủy ban nhân dân xã Đông Tiến', MIN_OCR_WORDS)).toBe(true);
  });
});
