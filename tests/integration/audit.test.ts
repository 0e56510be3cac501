import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { vanthu } from '../helpers/cli.ts';
import { openTestOffice } from '../helpers/office.ts';

const letter = {
  issuerName: 'UBND huyện Quảng Xương',
  type: 'CV',
  subject: 'Về việc thu thuế sử dụng đất phi nông nghiệp',
};

function auditRows(dataDir: string) {
  const db = new Database(path.join(dataDir, 'vanthu.db'), { readonly: true });
  try {
    return db.prepare('SELECT seq, action, entity_id AS entityId, detail FROM audit_log ORDER BY seq').all() as {
      seq: number;
      action: string;
      entityId: string;
      detail: string;
    }[];
  } finally {
    db.close();
  }
}

describe('audit log', () => {
  it('writes exactly one chained row for every change to a document', async () => {
    const office = await openTestOffice();
    const incoming = await office.call('incoming.register', {
      ...letter,
      notation: '245/UBND-NN',
      issuedOn: '2026-02-20',
    });
    await office.call('documents.update', {
      id: incoming.id,
      handedOn: '2026-03-02',
      notes: 'Chuyển công chức Tài chính',
    });
    await office.call('documents.update', { id: incoming.id, notes: 'Chuyển công chức Tài chính' });
    const draft = await office.call('outgoing.draft', { type: 'TB', subject: 'Thông báo lịch tiếp công dân' });
    await office.call('outgoing.issue', { id: draft.id });
    const history = await office.call('documents.history', { id: incoming.id });
    expect(history.entries.map((e) => e.action)).toEqual(['incoming.register', 'document.update']);
    expect(history.entries[1]!.detail).toEqual({
      changes: { handedOn: [null, '2026-03-02'], notes: [null, 'Chuyển công chức Tài chính'] },
    });
    expect(auditRows(office.dataDir).map((r) => r.action)).toEqual([
      'office.init',
      'incoming.register',
      'document.update',
      'outgoing.draft',
      'outgoing.issue',
    ]);
    expect(await office.call('audit.verify', {})).toEqual({ ok: true, rows: 5, firstBrokenRow: null, reason: null });
  });

  it('refuses updates and deletes of audit rows inside the database', async () => {
    const office = await openTestOffice();
    expect(() => office.core.db.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => office.core.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('names the row when one audit row is edited in the database file', async () => {
    const office = await openTestOffice();
    for (const n of [244, 245, 246]) {
      await office.call('incoming.register', { ...letter, notation: `${n}/UBND-NN`, issuedOn: '2026-02-20' });
    }
    office.core.close();
    const target = auditRows(office.dataDir).find((row) => row.detail.includes('"notation":"245/UBND-NN"'))!;

    // Flip the number in that row's bytes on disk, as someone with a hex editor would.
    const file = path.join(office.dataDir, 'vanthu.db');
    const bytes = fs.readFileSync(file);
    const needle = Buffer.from('"notation":"245/UBND-NN"');
    const at = bytes.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf(needle, at + 1)).toBe(-1);
    Buffer.from('"notation":"265/UBND-NN"').copy(bytes, at);
    fs.writeFileSync(file, bytes);

    const result = vanthu(office.dataDir, ['audit', 'verify']);
    expect(result.status).toBe(1);
    expect(result.json).toEqual({ ok: false, rows: target.seq, firstBrokenRow: target.seq, reason: 'hash-mismatch' });
    const text = vanthu(office.dataDir, ['audit', 'verify'], { json: false });
    expect(text.stdout).toContain(`dòng ${target.seq}`);
  });

  it('notices a row deleted behind the triggers', async () => {
    const office = await openTestOffice();
    for (const n of [1, 2, 3])
      await office.call('incoming.register', { ...letter, notation: `${n}/UBND`, issuedOn: '2026-02-20' });
    office.core.close();
    const db = new Database(path.join(office.dataDir, 'vanthu.db'));
    db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3;');
    db.close();
    const result = vanthu(office.dataDir, ['audit', 'verify']);
    expect(result.status).toBe(1);
    expect(result.json).toMatchObject({ firstBrokenRow: 4, reason: 'sequence-gap' });
  });
});
