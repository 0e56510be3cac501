// desk.event: one handling event, stored once (its id is the change's) and
// never changed. Every official it names becomes a party of the document; one
// new to it gets, in its own feed, the document and the events it missed. A
// document another agency sent through the hub gets its 04/05/06 statuses.
import type { Change, DeskEvent } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import type { Transaction } from '../db/database.ts';
import { addParties, isDeskDocumentVisible, lockDeskDocument, newParties } from '../db/desk-documents.ts';
import { insertDeskEvent } from '../db/desk-events.ts';
import { appendFeeds, type FeedWrite } from '../db/feed.ts';
import { peopleOf } from '../db/people.ts';
import { catchUpWrites } from './desk-catch-up.ts';
import { refuseWrite } from './forgery.ts';
import { handlingStatus } from './handling-status.ts';
import { applied, rejected, retry, type Outcome } from './outcome.ts';

type DeskEventChange = Extract<Change, { op: 'desk.event' }>;

/** Every official the event names: who did it, to whom it went, who handles it, who is told. */
export function namedPeople(event: DeskEvent): string[] {
  const d = event.detail;
  return [
    ...new Set([
      event.personId,
      ...(d.to ? [d.to] : []),
      ...(d.main ? [d.main] : []),
      ...(d.with ?? []),
      ...(d.inform ?? []),
    ]),
  ];
}

export async function applyDeskEvent(
  tx: Transaction,
  device: CallingDevice,
  change: DeskEventChange,
): Promise<Outcome> {
  const { event } = change;
  const named = namedPeople(event);
  const people = await peopleOf(tx, device.agency, named);
  const unknown = named.filter((id) => !people.has(id));
  if (unknown.length > 0) return rejected('PERSON_UNKNOWN', `not officials of ${device.agency}: ${unknown.join(', ')}`);

  const document = await lockDeskDocument(tx, device.agency, event.documentId);
  if (!document)
    return retry('DOCUMENT_MISSING', `document ${event.documentId} has not reached the hub from its desk yet`);
  if (
    device.personId !== null &&
    !(await isDeskDocumentVisible(tx, device.agency, event.documentId, device.personId, device.personRole))
  ) {
    await refuseWrite(tx, device, {
      id: change.id,
      claimedPerson: event.personId,
      reason: 'a handling event on a document its official may not see',
    });
    return rejected('FORBIDDEN', `document ${event.documentId} is not one this desk's official may see`);
  }

  // Sent again under another change id: stored once, told once.
  if (!(await insertDeskEvent(tx, device.agency, event, device.id))) return applied;
  const joining = await newParties(tx, device.agency, event.documentId, named);
  const writes: FeedWrite[] = await catchUpWrites(tx, {
    agency: device.agency,
    document,
    people: joining,
    withRecord: true,
    exceptEvent: event.id,
    originDevice: device.id,
  });
  writes.push({
    agency: device.agency,
    kind: 'desk.event',
    item: { kind: 'desk.event', event },
    originDevice: device.id,
    documentId: event.documentId,
  });
  const status = await handlingStatus(tx, device.agency, document.record, event, people);
  if (status) writes.push(status);
  // The first write is in this agency's feed (catch-up copies, or the event itself): the new parties see from there.
  const [since] = await appendFeeds(tx, writes);
  await addParties(tx, device.agency, event.documentId, joining, since!);
  return applied;
}
