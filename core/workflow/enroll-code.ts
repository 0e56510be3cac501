// "Tạo mã cài đặt máy": the clerk asks the hub for a one-time code that
// enrolls an official's own desktop (PROTOCOL.md "Officials and enrollment").
// The official types it, with the hub's address, into `Kết nối` on their PC,
// which from then on works as them only.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import { enrollCodeReply } from '../../shared/sync-protocol.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import { writeTransaction } from '../db/connection.ts';
import { getDevice } from '../db/sync.ts';
import { HubClient, HubError } from '../sync/hub-client.ts';
import { toAppError } from '../sync/retry.ts';
import { actingPerson, resolveActivePerson, toPersonRef } from './people.ts';

/** The hub's answers that mean something particular here, in the clerk's words. */
function enrollCodeError(error: unknown): unknown {
  if (!(error instanceof HubError) || error.failure.kind !== 'hub') return toAppError(error);
  const { status, code, detail } = error.failure;
  // 403: this PC is an official's own desktop other than a clerk's; 404: the official has not reached the hub yet.
  if (status === 403 && code === 'FORBIDDEN')
    return new AppError('NOT_PERMITTED', `hub: ${code}: ${detail}`, { cause: error });
  if (status === 404 && code === 'NOT_FOUND')
    return new AppError('SYNC_PERSON_UNKNOWN', `hub: ${code}: ${detail}`, { cause: error });
  return toAppError(error);
}

export async function makeEnrollCode(
  core: Core,
  input: ValidInput<'people.enrollCode'>,
): Promise<Outputs['people.enrollCode']> {
  const clerk = actingPerson(core);
  if (clerk.role !== 'clerk')
    throw new AppError('NOT_PERMITTED', `${clerk.role} ${clerk.id} cannot make enrollment codes`);
  const person = resolveActivePerson(core.db, input.id);
  const device = getDevice(core.db);
  if (!device) throw new AppError('SYNC_NOT_CONNECTED', 'enrollment codes come from the hub');
  const client = new HubClient(device.hubUrl, device.credential);
  let reply;
  try {
    reply = await client.json(
      'POST',
      `v1/agencies/${encodeURIComponent(device.agencyCode)}/enroll-codes`,
      { personId: person.id },
      enrollCodeReply,
    );
  } catch (error) {
    throw enrollCodeError(error);
  } finally {
    client.close();
  }
  // The code is a one-time credential: the audit names whom it is for and until when, never the code.
  writeTransaction(core.db, () =>
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'person.enroll-code',
        entity: 'person',
        entityId: person.id,
        detail: { expiresAt: reply.expiresAt },
      },
      core.now(),
    ),
  );
  return { code: reply.code, expiresAt: reply.expiresAt, hubUrl: device.hubUrl, person: toPersonRef(person) };
}
