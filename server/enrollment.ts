// Enrollment: a one-time code from the admin CLI becomes a device credential.
// The agency's first device holds its registers (only it numbers documents).
// When that device's credential has expired or was revoked, the next device
// enrolled takes them: usually the same PC enrolling again, keeping its store.
import type { z } from 'zod';
import type { enrollReply, enrollRequest } from '../shared/sync-protocol.ts';
import { newCredential, newEnrollCode, sha256Hex } from './credentials.ts';
import type { Database, Queryable } from './db/database.ts';
import { getAgency, lockAgency } from './db/agencies.ts';
import { hasActiveRegisterHolder, insertDevice, releaseRegister } from './db/devices.ts';
import { insertEnrollCode, spendEnrollCode } from './db/enroll-codes.ts';
import { fail, ok, type Result } from './errors.ts';

const ENROLL_CODE_DAYS = 7;
const CREDENTIAL_DAYS = 365;

export async function issueEnrollCode(q: Queryable, agency: string): Promise<{ code: string; expiresAt: Date }> {
  const code = newEnrollCode();
  const expiresAt = await insertEnrollCode(q, sha256Hex(code), agency, ENROLL_CODE_DAYS);
  return { code, expiresAt };
}

export async function enrollDevice(
  db: Database,
  request: z.infer<typeof enrollRequest>,
): Promise<Result<Omit<z.infer<typeof enrollReply>, 'hubTime'>>> {
  const { deviceId, secret, credential } = newCredential();
  return db.transaction(async (tx) => {
    const agencyCode = await spendEnrollCode(tx, sha256Hex(request.code), deviceId);
    if (!agencyCode) return fail(401, 'ENROLL_CODE_INVALID', 'enrollment code unknown, used or expired');
    // Two devices enrolling at once: the lock makes one of them the first.
    await lockAgency(tx, agencyCode);
    const holdsRegister = !(await hasActiveRegisterHolder(tx, agencyCode));
    if (holdsRegister) await releaseRegister(tx, agencyCode);
    const device = await insertDevice(tx, {
      id: deviceId,
      agency: agencyCode,
      name: request.deviceName,
      secretHash: sha256Hex(secret),
      holdsRegister,
      validDays: CREDENTIAL_DAYS,
    });
    const agency = (await getAgency(tx, agencyCode))!;
    return ok({ deviceId, credential, agency, holdsRegister, expiresAt: device.expiresAt.toISOString() });
  });
}
