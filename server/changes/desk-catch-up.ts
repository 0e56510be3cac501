// What an official's desks missed of a document before they could see it: a
// desk skips items it may not see and its cursor moves past them, so when a
// document names an official (or stops being secret) the hub copies the
// document and its events into the feed again, for that official alone.
import type { DeskEvent } from '../../shared/sync-protocol.ts';
import type { Queryable } from '../db/database.ts';
import type { StoredDeskDocument } from '../db/desk-documents.ts';
import { deskEventsOf } from '../db/desk-events.ts';
import type { FeedWrite } from '../db/feed.ts';

/**
 * Feed writes, each with `audience`, for each of `people`: the record when
 * `withRecord`, then every event held except `exceptEvent`, in HLC order.
 * Written whether or not the official has a desktop yet: one enrolled later
 * finds them in the feed like any other desk.
 */
export async function catchUpWrites(
  q: Queryable,
  scope: {
    agency: string;
    document: StoredDeskDocument;
    people: readonly string[];
    withRecord: boolean;
    exceptEvent: string | null;
    originDevice: string;
  },
): Promise<FeedWrite[]> {
  if (scope.people.length === 0) return [];
  const documentId = scope.document.record.id;
  const events = await deskEventsOf(q, scope.agency, documentId, scope.exceptEvent);
  const write = (person: string, kind: FeedWrite['kind'], item: object): FeedWrite => ({
    agency: scope.agency,
    kind,
    item,
    originDevice: scope.originDevice,
    documentId,
    audience: person,
  });
  return [...scope.people].sort().flatMap((person) => [
    ...(scope.withRecord
      ? [
          write(person, 'desk.document', {
            kind: 'desk.document',
            document: scope.document.record,
            attachments: scope.document.attachments,
            hlc: scope.document.hlc,
          }),
        ]
      : []),
    ...events.map((event: DeskEvent) => write(person, 'desk.event', { kind: 'desk.event', event })),
  ]);
}
