// person.put: an official added or changed by the agency's clerk. The newest
// record (by HLC, then device id) is kept and goes to every other device of
// the agency; only the clerk's desk or an agency-wide device may write one.
import type { Change } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import type { Transaction } from '../db/database.ts';
import { appendFeed } from '../db/feed.ts';
import { peopleOfOtherAgencies, putPerson } from '../db/people.ts';
import { refuseWrite } from './forgery.ts';
import { applied, rejected, type Outcome } from './outcome.ts';

type PersonChange = Extract<Change, { op: 'person.put' }>;

export async function applyPerson(tx: Transaction, device: CallingDevice, change: PersonChange): Promise<Outcome> {
  if (device.personId !== null && device.personRole !== 'clerk') {
    await refuseWrite(tx, device, {
      id: change.id,
      claimedPerson: change.person.id,
      reason: "an official's record written from a desk other than the clerk's",
    });
    return rejected('FORBIDDEN', "only the clerk's desk or an agency-wide device keeps the agency's officials");
  }
  if ((await peopleOfOtherAgencies(tx, device.agency, [change.person.id])).size > 0)
    return rejected('FORBIDDEN', `official ${change.person.id} belongs to another agency`);
  if (await putPerson(tx, device.agency, change.person, change.hlc, device.id)) {
    await appendFeed(
      tx,
      device.agency,
      'person',
      { kind: 'person', person: change.person, hlc: change.hlc },
      device.id,
    );
  }
  return applied;
}
