// A desktop enrolled for one official acts as that official only. A batch in
// which it writes in another's name, or about an official or a document of
// another agency, is no mistake a desk can make: the whole request is refused
// (403), nothing of it applied, and each such change recorded for the
// province's audit. Mistakes a desk can make (an official it may no longer
// write for) are rejected change by change instead, see `refuseWrite`.
import type { Change } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import type { Database, Queryable } from '../db/database.ts';
import { documentsOfOtherAgencies } from '../db/desk-documents.ts';
import { peopleOfOtherAgencies } from '../db/people.ts';
import { insertRefusedWrite } from '../db/refused-writes.ts';
import { fail, ok, type Result } from '../errors.ts';

interface Forgery {
  changeId: string;
  claimedPerson: string | null;
  reason: string;
}

/** Refuses the whole batch when a desk's change is forged; records every forged change first. */
export async function refuseForgedBatch(
  db: Database,
  device: CallingDevice,
  changes: readonly Change[],
): Promise<Result<void>> {
  if (device.personId === null) return ok(undefined);
  const forged = await forgeries(db, device, device.personId, changes);
  if (forged.length === 0) return ok(undefined);
  await db.transaction(async (tx) => {
    for (const forgery of forged) {
      await insertRefusedWrite(tx, {
        agency: device.agency,
        device: device.id,
        devicePerson: device.personId,
        ...forgery,
      });
    }
  });
  return fail(
    403,
    'FORBIDDEN',
    `this desktop acts for official ${device.personId} of ${device.agency} only; ${forged[0]!.reason} (change ${forged[0]!.changeId})`,
  );
}

async function forgeries(
  q: Queryable,
  device: CallingDevice,
  ownPerson: string,
  changes: readonly Change[],
): Promise<Forgery[]> {
  const people = changes.flatMap((c) => (c.op === 'person.put' ? [c.person.id] : []));
  const documents = changes.flatMap((c) =>
    c.op === 'desk.document' ? [c.document.id] : c.op === 'desk.event' ? [c.event.documentId] : [],
  );
  const foreignPeople = people.length > 0 ? await peopleOfOtherAgencies(q, device.agency, people) : new Set<string>();
  const foreignDocuments =
    documents.length > 0 ? await documentsOfOtherAgencies(q, device.agency, documents) : new Set<string>();
  const found: Forgery[] = [];
  for (const change of changes) {
    if (change.op === 'desk.event' && change.event.personId !== ownPerson) {
      found.push({
        changeId: change.id,
        claimedPerson: change.event.personId,
        reason: 'a handling event in the name of another official',
      });
    } else if (change.op === 'person.put' && foreignPeople.has(change.person.id)) {
      found.push({ changeId: change.id, claimedPerson: change.person.id, reason: 'an official of another agency' });
    } else if (change.op === 'desk.document' && foreignDocuments.has(change.document.id)) {
      found.push({ changeId: change.id, claimedPerson: null, reason: 'a document of another agency' });
    } else if (change.op === 'desk.event' && foreignDocuments.has(change.event.documentId)) {
      found.push({ changeId: change.id, claimedPerson: change.event.personId, reason: 'a document of another agency' });
    }
  }
  return found;
}

/**
 * Records a single change a desk may not make (it writes for an official or
 * a document outside what its official may touch) and rejects it alone: a
 * desk can come to this honestly (a document made secret after it acted), so
 * its other changes go on.
 */
export async function refuseWrite(
  q: Queryable,
  device: CallingDevice,
  change: { id: string; claimedPerson: string | null; reason: string },
): Promise<void> {
  await insertRefusedWrite(q, {
    agency: device.agency,
    device: device.id,
    devicePerson: device.personId,
    claimedPerson: change.claimedPerson,
    changeId: change.id,
    reason: change.reason,
  });
}
