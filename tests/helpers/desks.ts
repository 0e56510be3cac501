// A commune with a desktop per official, enrolled with the hub: the clerk's,
// the chairman's (with his USB token), an officer's. Each desk is its own
// data dir and core, as each PC would be.
import type { PersonRecord } from '../../shared/sync-protocol.ts';
import { writeCrl } from '../../scripts/lib/test-pki.ts';
import type { HubAdmin, Agency } from './sync.ts';
import { openTestOffice, type TestOffice } from './office.ts';
import type { TokenLab } from './signing.ts';

export interface Official {
  id: string;
  name: string;
  title: string;
  unit: string;
  role: PersonRecord['role'];
}

export const OFFICIALS = {
  clerk: { name: 'Lê Thị Văn', title: 'Văn thư', unit: 'Văn phòng HĐND và UBND', role: 'clerk' },
  chairman: { name: 'Nguyễn Văn An', title: 'Chủ tịch UBND xã', unit: 'Thường trực UBND', role: 'leader' },
  vice: { name: 'Phạm Thị Hoa', title: 'Phó Chủ tịch UBND xã', unit: 'Thường trực UBND', role: 'leader' },
  officer: {
    name: 'Trần Văn Bình',
    title: 'Công chức Văn phòng - Thống kê',
    unit: 'Văn phòng HĐND và UBND',
    role: 'officer',
  },
} as const satisfies Record<string, Omit<Official, 'id'>>;

/** The official, added at the hub by the province's admin. */
export async function addOfficial(hub: HubAdmin, agency: Agency, who: keyof typeof OFFICIALS): Promise<Official> {
  const official = OFFICIALS[who];
  const { id } = await hub.adminCommand('person-add', { agency: agency.code, ...official });
  return { id, ...official };
}

/** A desktop enrolled for one official; with a token lab, ready to sign (trusted CA, images, CRL). */
export async function deskFor(
  hub: HubAdmin,
  agency: Agency,
  official: Official,
  options: { lab?: TokenLab; via?: string } = {},
): Promise<TestOffice> {
  const office = await openTestOffice({ init: false, now: new Date().toISOString() });
  await office.call('office.init', { agencyCode: agency.code, name: agency.name, abbreviation: agency.abbreviation });
  const lab = options.lab;
  if (lab) {
    await office.call('trust.add', { path: lab.tokens.caCert });
    await office.call('settings.signatureImage', {
      path: lab.signaturePath,
      kind: 'signature',
      signerName: OFFICIALS.chairman.name,
    });
    await office.call('settings.signatureImage', { path: lab.sealPath, kind: 'seal', sizeMm: 36 });
    const crl = await writeCrl(lab.ca);
    await office.call('crl.import', { path: crl.path, url: lab.ca.crlUrl });
  }
  const { code } = await hub.adminCommand('enroll', { agency: agency.code, person: official.id });
  await office.call('sync.connect', { url: options.via ?? hub.url, code });
  return office;
}

/** One sync on each desk in turn, each expected to finish cleanly. */
export async function syncDesks(...desks: TestOffice[]): Promise<void> {
  for (const desk of desks) {
    const run = await desk.call('sync.run', {});
    if (run.outcome !== 'ok') throw new Error(`sync ${run.outcome}: ${JSON.stringify(run.error ?? run.rejected)}`);
  }
}
