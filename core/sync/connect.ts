// `vanthu connect <url> <code>`: enrolls this device with the provincial hub
// using the one-time code the province gave the commune.
import os from 'node:os';
import type { ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import type { SyncConnectView } from '../../shared/sync.ts';
import { directoryReply, enrollReply } from '../../shared/sync-protocol.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { saveDevice, upsertAgency } from '../db/sync.ts';
import { requireOffice } from '../office/office.ts';
import { clockOffset } from './engine.ts';
import { HubClient, HubError } from './hub-client.ts';
import { toAppError } from './retry.ts';

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
    });
    // The credential is a secret: the audit row names the device, never the credential.
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'sync.connect',
        entity: 'office',
        entityId: enrolled.agency.code,
        detail: { hubUrl: url, deviceId: enrolled.deviceId, holdsRegister: enrolled.holdsRegister },
      },
      now,
    );
  });
  // The directory is a convenience here; every sync fetches it again.
  const client = new HubClient(url, enrolled.credential);
  let agencies = 0;
  try {
    const directory = await client.json('GET', 'v1/directory', undefined, directoryReply);
    writeTransaction(core.db, () => {
      for (const agency of directory.agencies) upsertAgency(core.db, agency, now.toISOString());
    });
    agencies = directory.agencies.length;
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
  };
}
