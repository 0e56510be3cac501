// Child process for the crash test: registers incoming documents, each with
// its own PDF, one by one, and reports each commit on stdout so the parent
// can SIGKILL it mid-stream.
import { call } from '../../core/api.ts';
import { openCore } from '../../core/context.ts';
import { asciiPdf } from '../../scripts/lib/make-pdf.ts';

const [dataDir, countText, startText] = process.argv.slice(2);
const core = openCore(dataDir!, { actor: 'crash-test' });
const start = Number(startText ?? 0);
for (let i = start; i < start + Number(countText); i++) {
  const pdf = await asciiPdf(`Cong van so ${i} ve viec kiem tra`);
  const doc = await call(core, 'incoming.register', {
    issuerName: 'UBND huyện Quảng Xương',
    notation: `${i}/UBND-VP`,
    issuedOn: '2026-03-02',
    arrivedOn: '2026-03-02',
    type: 'CV',
    subject: `Về việc kiểm tra hồ sơ số ${i}`,
    file: { base64: pdf.toString('base64'), filename: `cv-${i}.pdf` },
  });
  process.stdout.write(`registered ${doc.registerNumber}\n`);
}
core.close();
