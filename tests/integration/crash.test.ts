import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/audit/chain.ts';
import { openCore } from '../../core/context.ts';
import { openTestOffice } from '../helpers/office.ts';

const CHILD = path.resolve(import.meta.dirname, '../helpers/register-many.ts');

/** Starts registering `count` documents and SIGKILLs the process once `killAfter` have been reported. */
function registerUntilKilled(dataDir: string, count: number, start: number, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(count), String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let reported = 0;
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      reported += chunk.split('\n').filter((line) => line.startsWith('registered')).length;
      if (reported >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`child ended with ${code} before it was killed: ${stderr}`));
    });
  });
}

describe('the process killed in the middle of registrations', () => {
  it('keeps every registration whole or absent after SIGKILL during 1,000 registrations', async () => {
    const office = await openTestOffice();
    office.core.close();
    let start = 0;
    // Two cuts, at random points, the second after resuming on the damaged-looking store.
    for (let round = 0; round < 2; round++) {
      const killAfter = 40 + Math.floor(Math.random() * 120);
      const reported = await registerUntilKilled(office.dataDir, 1000, start, killAfter);
      const core = openCore(office.dataDir);
      try {
        expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const documents = core.db
          .prepare('SELECT id, seq, register_number AS number FROM documents ORDER BY register_number')
          .all() as { id: string; seq: number; number: number }[];
        // Whatever the child reported is there; at most one more committed unreported.
        expect(documents.length).toBeGreaterThanOrEqual(start + reported);
        expect(documents.length).toBeLessThanOrEqual(start + reported + 1);
        expect(documents.map((d) => d.number)).toEqual(documents.map((_, i) => i + 1));
        for (const doc of documents) {
          const audit = core.db
            .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE entity_id = ? AND action = 'incoming.register'")
            .get(doc.id) as { n: number };
          const indexed = core.db.prepare('SELECT COUNT(*) AS n FROM documents_fts WHERE rowid = ?').get(doc.seq) as {
            n: number;
          };
          const attachment = core.db.prepare('SELECT sha256 FROM attachments WHERE document_id = ?').get(doc.id) as {
            sha256: string;
          };
          expect([audit.n, indexed.n]).toEqual([1, 1]);
          const blob = fs.readFileSync(core.blobs.pathOf(attachment.sha256));
          expect(createHash('sha256').update(blob).digest('hex')).toBe(attachment.sha256);
        }
        expect(verifyAuditChain(core.db)).toMatchObject({ ok: true, rows: documents.length + 1 });
        start = documents.length;
      } finally {
        core.close();
      }
    }
  }, 120_000);
});
