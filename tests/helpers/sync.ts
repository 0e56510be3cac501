// Communes, a district and a hub for the sync tests: real hub process, real
// stores, real PDFs.
import type { DocumentView } from '../../shared/api.ts';
import type { Urgency } from '../../shared/domain.ts';
import { scanSizedPdf } from '../../scripts/lib/make-pdf.ts';
import type { Hub } from './hub.ts';
import { openTestOffice, type TestOffice } from './office.ts';

export interface Agency {
  code: string;
  name: string;
  abbreviation: string;
}

export interface Province {
  district: Agency;
  communeA: Agency;
  communeB: Agency;
}

/** The hub as these helpers use it: admin commands go to the running hub (the CLI's own path, no process per call). */
export type HubAdmin = Pick<Hub, 'url' | 'adminCommand'>;

let provinces = 0;

/**
 * A district and two of its communes, new in the hub's directory: each test
 * gets agencies of its own, so the first office it enrolls holds their registers.
 */
export async function addProvince(hub: HubAdmin): Promise<Province> {
  const n = String(++provinces + (process.pid % 50) * 20).padStart(3, '0');
  const province: Province = {
    district: { code: `000.00.${n}.H56`, name: `UBND huyện Đông Sơn ${n}`, abbreviation: 'UBND' },
    communeA: { code: `000.01.${n}.H56`, name: `UBND xã An Hòa ${n}`, abbreviation: 'UBND' },
    communeB: { code: `000.02.${n}.H56`, name: `UBND xã Bình Minh ${n}`, abbreviation: 'UBND' },
  };
  for (const agency of [province.district, province.communeA, province.communeB]) {
    const parentCode = agency === province.district ? null : province.district.code;
    await hub.adminCommand('agency-add', { code: agency.code, name: agency.name, parentCode });
  }
  return province;
}

/** An office initialized for the agency and enrolled with the hub (through `via`, a line proxy, if given). */
export async function enrolledOffice(hub: HubAdmin, agency: Agency, via?: string): Promise<TestOffice> {
  const office = await openTestOffice({ init: false, now: new Date().toISOString() });
  await office.call('office.init', { agencyCode: agency.code, name: agency.name, abbreviation: agency.abbreviation });
  await connect(hub, office, agency.code, via);
  return office;
}

export async function connect(hub: HubAdmin, office: TestOffice, agencyCode: string, via?: string): Promise<void> {
  const { code } = await hub.adminCommand('enroll', { agency: agencyCode });
  await office.call('sync.connect', { url: via ?? hub.url, code });
}

/** Drafts an outgoing document with a PDF of about `bytes` (or the one given) and issues it. */
export async function issueTo(
  office: TestOffice,
  recipients: string[],
  options: { subject?: string; urgency?: Urgency; bytes?: number; pdf?: Buffer } = {},
): Promise<DocumentView> {
  const subject = options.subject ?? `Về việc báo cáo số liệu ${Math.random().toString(36).slice(2, 8)}`;
  const pdf = options.pdf ?? (await scanSizedPdf(subject, options.bytes ?? 20_000));
  const draft = await office.call('outgoing.draft', {
    type: 'CV',
    subject,
    urgency: options.urgency ?? 'thuong',
    recipients: recipients.map((agencyCode) => ({ agencyCode })),
    file: { base64: pdf.toString('base64'), filename: 'cong-van.pdf' },
  });
  return office.call('outgoing.issue', { id: draft.id });
}

/** The incoming register of an office: every document it holds from the hub, by id. */
export function incomingIds(office: TestOffice): string[] {
  return (
    office.core.db.prepare(`SELECT id FROM documents WHERE direction = 'incoming' ORDER BY id`).all() as {
      id: string;
    }[]
  ).map((r) => r.id);
}

export function pendingCount(office: TestOffice): number {
  return (office.core.db.prepare(`SELECT COUNT(*) AS n FROM changes WHERE state = 'pending'`).get() as { n: number }).n;
}
