// Real-world test PDFs: a Decree 30 decision laid out in HTML and printed by
// headless Chromium (Skia), optionally rewritten by qpdf with object streams
// and a cross-reference stream, the structure most office suites now emit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DecisionText {
  agency: string;
  subject: string;
  body: string[];
  signerTitle: string[];
  signerName: string;
}

export const sampleDecision: DecisionText = {
  agency: 'ỦY BAN NHÂN DÂN XÃ QUẢNG PHÚ',
  subject: 'Về việc phê duyệt kế hoạch phòng, chống thiên tai năm 2026',
  body: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
    'Điều 1. Phê duyệt kế hoạch phòng, chống thiên tai năm 2026 của xã Quảng Phú.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
  ],
  signerTitle: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  signerName: 'Nguyễn Văn An',
};

function decisionHtml(text: DecisionText): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
  @page { size: A4; margin: 20mm 15mm 20mm 30mm }
  body { font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: 14pt; }
  .centre { text-align: center } .block { margin-left: 50%; text-align: center; margin-top: 24pt }
  </style></head><body>
  <p class="centre"><b>${escape(text.agency)}</b><br>Số: &nbsp; &nbsp; /QĐ-UBND</p>
  <p class="centre"><b>QUYẾT ĐỊNH</b><br><b>${escape(text.subject)}</b></p>
  ${text.body.map((line) => `<p>${escape(line)}</p>`).join('\n')}
  <div class="block"><b>${text.signerTitle.map(escape).join('<br>')}</b><div style="height:80pt"></div><b>${escape(text.signerName)}</b></div>
  </body></html>`;
}

/** Prints a local HTML file with headless Chromium; `home` takes the profile Chromium writes, so runs never share one. */
export function printHtmlFile(html: string, pdf: string, home: string): void {
  execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      `file://${html}`,
    ],
    { stdio: 'ignore', timeout: 60_000, env: { ...process.env, HOME: home } },
  );
}

/** Prints the decision with headless Chromium; with `objectStreams`, qpdf then packs objects into object streams. */
export function printDecisionPdf(options: { text?: DecisionText; objectStreams?: boolean } = {}): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-print-'));
  try {
    const html = path.join(dir, 'decision.html');
    const printed = path.join(dir, 'printed.pdf');
    fs.writeFileSync(html, decisionHtml(options.text ?? sampleDecision));
    printHtmlFile(html, printed, dir);
    if (!options.objectStreams) return fs.readFileSync(printed);
    const packed = path.join(dir, 'packed.pdf');
    execFileSync('qpdf', ['--object-streams=generate', printed, packed], { stdio: 'ignore' });
    return fs.readFileSync(packed);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
