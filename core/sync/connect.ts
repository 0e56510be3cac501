// `vanthu connect <url> <code>`: enrolls this device with the provincial hub
// using the one-time code the province gave the commune, or the clerk made for
// one official's own desktop: that desktop then acts as the official alone.
import os from 'node:os';
import type { ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import type { SyncConnectView } from '../../shared/sync.ts';
import { directoryReply, enrollReply, pullReply } from '../../shared/sync-protocol.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { upsertPersonRecord } from '../db/desk.ts';
import { saveDevice, upsertAgency } from '../db/sync.ts';
import { requireOffice } from '../office/office.ts';
import { rememberDeskPerson } from '../workflow/desk-person.ts';
import { clockOffset } from './change-log.ts';
import { HubClient, HubError } from './hub-client.ts';
import { receivePerson } from './receive-desk.ts';
import { toAppError } from './retry.ts';

const OFFICIALS_PAGE_BUDGET = 1024 * 1024;

export async function connectHub(core: Core, input: ValidInput<'sync.connect'>): Promise<SyncConnectView> {
  const office = requireOffice(core.db);
  const url = input.url.replace(/\/+$/, '');
  const anonymous = new HubClient(url, null);
  let enrolled;
  try {
    enrolled = await anonymous.json(
      'POST',
      'v1/enroll',
      { code: input.code, deviceName: os.hostname().slice(0, 100) },
      enrollReply,
    );
  } catch (error) {
    throw toAppError(error);
  } finally {
    anonymous.close();
  }
  if (enrolled.agency.code !== office.agencyCode) {
    throw new AppError(
      'SYNC_AGENCY_MISMATCH',
      `code is for ${enrolled.agency.code}, this office is ${office.agencyCode}`,
    );
  }
  // Saved before anything else can fail: the hub has already spent the code on this device.
  const now = core.now();
  const person = enrolled.person ?? null;
  writeTransaction(core.db, () => {
    saveDevice(core.db, {
      hubUrl: url,
      deviceId: enrolled.deviceId,
      credential: enrolled.credential,
      agencyCode: enrolled.agency.code,
      holdsRegister: enrolled.holdsRegister,
      expiresAt: enrolled.expiresAt,
      enrolledAt: now.toISOString(),
      clockOffsetMs: clockOffset(core, enrolled.hubTime),
      personId: person?.id ?? null,
      // A desktop enrolled for an official is itself a desk: the agency's desks share their work from now on.
      deskSync: person !== null,
    });
    if (person) {
      // Without a clock: the record the feed brings, with the hub's clock, replaces this copy.
      upsertPersonRecord(core.db, person, null, now.toISOString());
      rememberDeskPerson(core.db, person.id, now);
    }
    // The credential is a secret: the audit row names the device, never the credential.
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'sync.connect',
        entity: 'office',
        entityId: enrolled.agency.code,
        detail: {
          hubUrl: url,
          deviceId: enrolled.deviceId,
          holdsRegister: enrolled.holdsRegister,
          ...(person ? { personId: person.id } : {}),
        },
      },
      now,
    );
  });
  if (person) core.session.personId = person.id;
  // The directory is a convenience here; every sync fetches it again.
  const client = new HubClient(url, enrolled.credential);
  let agencies = 0;
  try {
    const directory = await client.json('GET', 'v1/directory', undefined, directoryReply);
    writeTransaction(core.db, () => {
      for (const agency of directory.agencies) upsertAgency(core.db, agency, now.toISOString());
    });
    agencies = directory.agencies.length;
    // An official's desk works with colleagues from the start (submit to, assign to): their records first.
    if (person) await takeOfficials(core, client, enrolled.agency.code);
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
  } finally {
    client.close();
  }
  return {
    hubUrl: url,
    deviceId: enrolled.deviceId,
    agency: { code: enrolled.agency.code, name: enrolled.agency.name },
    holdsRegister: enrolled.holdsRegister,
    expiresAt: enrolled.expiresAt,
    agencies,
    person: person && { id: person.id, name: person.name },
  };
}

/**
 * The agency's officials, read from its feed: the enrollment names only this
 * desk's own. Nothing else of the feed is kept and the cursor stays at 0, so
 * the first sync takes every item as it would have.
 */
async function takeOfficials(core: Core, client: HubClient, agency: string): Promise<void> {
  for (let cursor = 0; ;) {
    const page = await client.json(
      'POST',
      `v1/agencies/${encodeURIComponent(agency)}/pull`,
      { cursor, budget: OFFICIALS_PAGE_BUDGET },
      pullReply,
    );
    writeTransaction(core.db, () => {
      for (const item of page.items) if (item.kind === 'person') receivePerson(core, item);
    });
    if (!page.more || page.cursor <= cursor) return;
    cursor = page.cursor;
  }
}
