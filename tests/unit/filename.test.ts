import { describe, expect, it } from 'vitest';
import { sanitizeFilename } from '../../core/documents/filename.ts';

describe('attachment file names', () => {
  it.each([
    ['../../x.pdf', 'x.pdf'],
    ['..\\..\\Windows\\system32\\evil.pdf', 'evil.pdf'],
    ['/etc/passwd', 'passwd.pdf'],
    ['Quyết định số 12.pdf', 'Quyết định số 12.pdf'],
    ['Quye\u0302\u0301t đi\u0323nh.pdf', 'Quyết định.pdf'],
    ['tờ trình: "đất đai"?.pdf', 'tờ trình đất đai.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['..', 'van-ban.pdf'],
    ['', 'van-ban.pdf'],
    ['  báo cáo.PDF  ', 'báo cáo.PDF'],
    ['a\u0000b\nc.pdf', 'abc.pdf'],
  ])('%j becomes %j', (raw, expected) => {
    expect(sanitizeFilename(raw)).toBe(expected);
  });

  it('shortens very long names but keeps the extension', () => {
    const name = sanitizeFilename(`${'Kế hoạch '.repeat(40)}.pdf`);
    expect(name.length).toBeLessThanOrEqual(180);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
