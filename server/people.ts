// The officials the hub's admin adds (`hub admin person add`): a record like
// one from the clerk's desk, stamped by the hub's own clock, and a `person`
// item for every device of the agency.
import type { PersonRecord } from '../shared/sync-protocol.ts';
import type { Database } from './db/database.ts';
import { appendFeed } from './db/feed.ts';
import { putPerson } from './db/people.ts';
import { hubHlc } from './hlc.ts';
import { newUuidV7 } from './ids.ts';

export async function addPerson(
  db: Database,
  agency: string,
  person: Pick<PersonRecord, 'name' | 'title' | 'unit' | 'role'>,
): Promise<PersonRecord> {
  const record: PersonRecord = { id: newUuidV7(), ...person, active: true };
  const hlc = hubHlc();
  await db.transaction(async (tx) => {
    await putPerson(tx, agency, record, hlc, null);
    await appendFeed(tx, agency, 'person', { kind: 'person', person: record, hlc }, null);
  });
  return record;
}
