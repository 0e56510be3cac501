// The official a desk opens as: on an official's own desktop, that official;
// on a shared PC, the one who last switched in here, when they need no
// password. One with a password switches in again each time.
import type { Db } from '../db/connection.ts';
import { enrolledPersonId, getPerson } from '../db/people.ts';
import { getSetting, putSetting } from '../db/signing.ts';

const DESK_PERSON = 'desk.person';

export function deskPersonAtStart(db: Db): string | null {
  // Their own PC is already proof of who they are: the enrollment code was made for them alone.
  const owner = enrolledPersonId(db);
  if (owner !== null) return owner;
  const id = getSetting<string>(db, DESK_PERSON);
  if (!id) return null;
  const person = getPerson(db, id);
  return person?.active === 1 && person.passwordHash === null ? person.id : null;
}

export function rememberDeskPerson(db: Db, personId: string, at: Date): void {
  putSetting(db, DESK_PERSON, personId, at.toISOString());
}
