// The rules of a signing batch: who may sign what, in which order, and the
// numbers the commune's signature gives a batch of drafts.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vietnamesePdf } from '../../scripts/lib/make-pdf.ts';
import { tempDir, type TestOffice } from '../helpers/office.ts';
import { certificateOf, draftDecision, rejection, signingOffice, useTokenLab } from '../helpers/signing.ts';

const lab = useTokenLab();

async function drafts(office: TestOffice, count: number): Promise<string[]> {
  const dir = tempDir();
  const ids: string[] = [];
  for (let index = 0; index < count; index++)
    ids.push(
      await draftDecision(
        office,
        // The signer's title, the blank lines left for the signature, the printed name.
        await vietnamesePdf([`Quyết định ${index + 1}`, 'CHỦ TỊCH', '', '', '', 'Nguyễn Văn An']),
        dir,
        `qd-${index}.pdf`,
      ),
    );
  return ids;
}

function sign(office: TestOffice, ids: string[], as: 'personal' | 'organization', certId: string) {
  const pin = lab().tokens.tokens[as].pin;
  return office.call('sign.documents', { ids, certId, as, pin, modules: [lab().tokens.module] });
}

describe('a signing batch', () => {
  it('numbers a batch of drafts 01, 02, 03 in the order chosen when the commune signs them', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const ids = await drafts(office, 3);
    const chairman = await certificateOf(office, lab(), 'personal');
    const commune = await certificateOf(office, lab(), 'organization');
    expect((await sign(office, ids, 'personal', chairman.id)).signed).toHaveLength(3);
    const ordered = [ids[2]!, ids[0]!, ids[1]!];
    const result = await sign(office, ordered, 'organization', commune.id);
    expect(result.signed.map((document) => [document.documentId, document.notation])).toEqual([
      [ordered[0], '01/QĐ-UBND'],
      [ordered[1], '02/QĐ-UBND'],
      [ordered[2], '03/QĐ-UBND'],
    ]);
  });

  it('refuses the commune signature before the chairman has signed, and a second commune signature', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const [id] = await drafts(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const commune = await certificateOf(office, lab(), 'organization');
    expect((await rejection(sign(office, [id!], 'organization', commune.id))).code).toBe('SIGN_ORDER');
    await sign(office, [id!], 'personal', chairman.id);
    await sign(office, [id!], 'organization', commune.id);
    const again = await rejection(sign(office, [id!], 'organization', commune.id));
    expect(again.code).toBe('SIGN_ORDER');
    expect(again.message).toContain('chỉ một lần');
    expect((await rejection(sign(office, [id!], 'personal', chairman.id))).code).toBe('SIGN_ORDER');
  });

  it('does not take the same document twice in one batch', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const [id] = await drafts(office, 1);
    const chairman = await certificateOf(office, lab(), 'personal');
    const error = await rejection(sign(office, [id!, id!], 'personal', chairman.id));
    expect(error.code).toBe('INPUT_INVALID');
    expect(Object.values(error.fields ?? {}).join(' ')).toContain('một lần');
  });

  it("draws only the certificate holder's own signature image, and asks for one when there is none", async () => {
    const office = await signingOffice(lab(), { crl: false });
    const [id] = await drafts(office, 1);
    // The ECDSA certificate belongs to "Nguyễn Văn An (ECDSA)", who has no image; the document's signer has one.
    const other = await certificateOf(office, lab(), 'personal', '04');
    const error = await rejection(sign(office, [id!], 'personal', other.id));
    expect(error.code).toBe('SIGN_IMAGE_MISSING');
    expect(error.message).toContain('Cài đặt');
  });

  it('refuses to sign an incoming document', async () => {
    const office = await signingOffice(lab(), { crl: false });
    const file = path.join(tempDir(), 'den.pdf');
    (await import('node:fs')).writeFileSync(file, await vietnamesePdf(['Công văn đến']));
    const incoming = await office.call('incoming.register', {
      file: { path: file },
      issuerName: 'UBND huyện',
      notation: '12/UBND',
      issuedOn: '2026-11-20',
      type: 'CV',
      subject: 'Công văn',
    });
    const chairman = await certificateOf(office, lab(), 'personal');
    expect((await rejection(sign(office, [incoming.id], 'personal', chairman.id))).code).toBe('SIGN_NOT_ALLOWED');
  });
});
