// Enrollment: a one-time code (from the admin CLI, or from the clerk's desk
// for one official) becomes a device credential. The agency's first clerk's
// or agency-wide device holds its registers (only it numbers documents); a
// desk enrolled for a leader or an officer never does. When the holder's
// credential has expired or was revoked, the next such device enrolled takes
// them: usually the same PC enrolling again, keeping its store.
import type { z } from 'zod';
import type { enrollCodeReply, enrollReply, enrollRequest, PersonRecord } from '../shared/sync-protocol.ts';
import type { CallingDevice } from './auth.ts';
import { newCredential, newEnrollCode, sha256Hex } from './credentials.ts';
import type { Database, Queryable } from './db/database.ts';
import { getAgency, lockAgency } from './db/agencies.ts';
import { hasActiveRegisterHolder, insertDevice, releaseRegister } from './db/devices.ts';
import { insertEnrollCode, spendEnrollCode } from './db/enroll-codes.ts';
import { getPerson } from './db/people.ts';
import { fail, ok, type Result } from './errors.ts';

const ENROLL_CODE_DAYS = 7;
const CREDENTIAL_DAYS = 365;

/** A code for the agency; with `personId`, the desktop enrolled by it acts as that official only. */
export async function issueEnrollCode(
  q: Queryable,
  agency: string,
  personId: string | null = null,
): Promise<{ code: string; expiresAt: Date }> {
  const code = newEnrollCode();
  const expiresAt = await insertEnrollCode(q, {
    hash: sha256Hex(code),
    agency,
    personId,
    validDays: ENROLL_CODE_DAYS,
  });
  return { code, expiresAt };
}

/** A code the clerk makes from the app for one of the agency's officials. */
export async function issueDeskEnrollCode(
  db: Database,
  device: CallingDevice,
  personId: string,
): Promise<Result<Omit<z.infer<typeof enrollCodeReply>, 'hubTime'>>> {
  if (device.personId !== null && device.personRole !== 'clerk')
    return fail(403, 'FORBIDDEN', "only the clerk's desk or an agency-wide device enrolls the agency's desktops");
  if (!(await getPerson(db, device.agency, personId)))
    return fail(404, 'NOT_FOUND', `no official ${personId} in ${device.agency}`);
  const { code, expiresAt } = await issueEnrollCode(db, device.agency, personId);
  return ok({ code, expiresAt: expiresAt.toISOString() });
}

export async function enrollDevice(
  db: Database,
  request: z.infer<typeof enrollRequest>,
): Promise<Result<Omit<z.infer<typeof enrollReply>, 'hubTime'>>> {
  const { deviceId, secret, credential } = newCredential();
  return db.transaction(async (tx) => {
    const spent = await spendEnrollCode(tx, sha256Hex(request.code), deviceId);
    if (!spent) return fail(401, 'ENROLL_CODE_INVALID', 'enrollment code unknown, used or expired');
    const person: PersonRecord | null =
      spent.personId === null ? null : await getPerson(tx, spent.agency, spent.personId);
    if (spent.personId !== null && !person)
      return fail(401, 'ENROLL_CODE_INVALID', 'the official this code was made for is not in the agency');
    // Two devices enrolling at once: the lock makes one of them the first.
    await lockAgency(tx, spent.agency);
    const mayHold = person === null || person.role === 'clerk';
    const holdsRegister = mayHold && !(await hasActiveRegisterHolder(tx, spent.agency));
    if (holdsRegister) await releaseRegister(tx, spent.agency);
    const device = await insertDevice(tx, {
      id: deviceId,
      agency: spent.agency,
      name: request.deviceName,
      secretHash: sha256Hex(secret),
      holdsRegister,
      personId: person?.id ?? null,
      validDays: CREDENTIAL_DAYS,
    });
    const agency = (await getAgency(tx, spent.agency))!;
    return ok({ deviceId, credential, agency, holdsRegister, person, expiresAt: device.expiresAt.toISOString() });
  });
}
