// The agency's officials, kept by the clerk. The first official added may be
// anyone's doing (there is nobody yet to ask); after that only a clerk keeps
// the list, and the last clerk cannot be removed from it. Every change goes
// to the hub and the agency's other desks (PROTOCOL.md "person.put"); on an
// official's own desktop the list comes from the hub, and only a clerk's
// desktop (or an agency-wide PC) changes it.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import { foldedWords } from '../../shared/fold.ts';
import type { PersonRefView, PersonView } from '../../shared/handling.ts';
import { actedBy, appendAudit } from '../audit/chain.ts';
import type { Core } from '../context.ts';
import type { Db } from '../db/connection.ts';
import {
  countPeople,
  enrolledPersonId,
  getPerson,
  insertPerson,
  listPeople,
  updatePerson,
  type PersonRow,
} from '../db/people.ts';
import { newId } from '../ids.ts';
import { nextHlc, recordPerson } from '../sync/change-log.ts';
import { rememberDeskPerson } from './desk-person.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export function toPersonView(row: PersonRow): PersonView {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    unit: row.unit,
    role: row.role,
    active: row.active === 1,
    hasPassword: row.passwordHash !== null,
  };
}

export function toPersonRef(row: PersonRow): PersonRefView {
  return { id: row.id, name: row.name, title: row.title };
}

/** An official by id, or by name written without regard to case or diacritics when only one has it. */
export function resolvePerson(db: Db, ref: string): PersonRow {
  const byId = getPerson(db, ref);
  if (byId) return byId;
  const wanted = foldedWords(ref).join(' ');
  const named = listPeople(db, true).filter((person) => foldedWords(person.name).join(' ') === wanted);
  const active = named.filter((person) => person.active === 1);
  const found = active.length > 0 ? active : named;
  if (found.length === 0) throw new AppError('PERSON_NOT_FOUND', `no official "${ref}"`);
  if (found.length > 1) throw new AppError('PERSON_AMBIGUOUS', `${found.length} officials named "${ref}"`);
  return found[0]!;
}

export function resolveActivePerson(db: Db, ref: string): PersonRow {
  const person = resolvePerson(db, ref);
  if (person.active !== 1) throw new AppError('PERSON_INACTIVE', `official ${person.id} is inactive`);
  return person;
}

/**
 * The official at the desk's id. On an official's own desktop it is always
 * them: the session follows the enrollment, even one made while the app ran.
 */
export function deskPersonId(core: Core): string | null {
  const owner = enrolledPersonId(core.db);
  if (owner !== null) core.session.personId = owner;
  return core.session.personId;
}

/** The official at the desk; every handling action needs one. */
export function actingPerson(core: Core): PersonRow {
  const id = deskPersonId(core);
  const person = id === null ? undefined : getPerson(core.db, id);
  if (!person) throw new AppError('PERSON_REQUIRED', 'no official at the desk');
  if (person.active !== 1) throw new AppError('PERSON_INACTIVE', `official ${person.id} is inactive`);
  return person;
}

function requireClerk(core: Core): void {
  const owner = enrolledPersonId(core.db);
  // An official's own desktop gets the list from the hub: there, an empty list is one not synced yet, not a new agency.
  if (owner !== null && getPerson(core.db, owner) === undefined)
    throw new AppError('NOT_PERMITTED', `the desk of ${owner}, not yet on the list, cannot keep it`);
  if (owner === null && countPeople(core.db) === 0) return;
  const person = actingPerson(core);
  if (person.role !== 'clerk') throw new AppError('NOT_PERMITTED', `${person.role} cannot keep the list of officials`);
}

/** Queues the official's record for the hub and stamps it with the clock it goes with. */
function share(core: Core, row: PersonRow): PersonRow {
  const hlc = nextHlc(core);
  const { id, name, title, unit, role } = row;
  recordPerson(core, { id, name, title, unit, role, active: row.active === 1 }, hlc);
  return { ...row, hlc };
}

function activeClerks(db: Db): number {
  return listPeople(db, false).filter((person) => person.role === 'clerk').length;
}

export function addPerson(core: Core, input: ValidInput<'people.add'>): Outputs['people.add'] {
  return core.db.transaction(() => {
    requireClerk(core);
    const first = countPeople(core.db) === 0;
    const at = core.now();
    const row = share(core, {
      id: newId(at.getTime()),
      name: input.name,
      title: input.title ?? null,
      unit: input.unit ?? null,
      role: input.role,
      active: 1,
      passwordHash: input.password === undefined ? null : hashPassword(input.password),
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      hlc: null,
    });
    insertPerson(core.db, row);
    // The desk that made the agency's first clerk is that clerk's desk, as it was before officials existed.
    if (first && row.role === 'clerk') {
      core.session.personId = row.id;
      rememberDeskPerson(core.db, row.id, at);
    }
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: 'person.add',
        entity: 'person',
        entityId: row.id,
        detail: {
          name: row.name,
          title: row.title,
          unit: row.unit,
          role: row.role,
          password: row.passwordHash !== null,
        },
      },
      at,
    );
    return toPersonView(row);
  })();
}

export function listPeopleView(core: Core, input: ValidInput<'people.list'>): Outputs['people.list'] {
  return { people: listPeople(core.db, input.includeInactive).map(toPersonView) };
}

export function editPerson(core: Core, input: ValidInput<'people.edit'>): Outputs['people.edit'] {
  return core.db.transaction(() => {
    requireClerk(core);
    const before = resolvePerson(core.db, input.person);
    const after: PersonRow = {
      ...before,
      name: input.name ?? before.name,
      title: input.title === undefined ? before.title : input.title,
      unit: input.unit === undefined ? before.unit : input.unit,
      role: input.role ?? before.role,
      active: input.active === undefined ? before.active : input.active ? 1 : 0,
      updatedAt: core.now().toISOString(),
    };
    const leavesClerks = before.role === 'clerk' && before.active === 1 && (after.role !== 'clerk' || !after.active);
    if (leavesClerks && activeClerks(core.db) <= 1) throw new AppError('LAST_CLERK', `official ${before.id}`);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const field of ['name', 'title', 'unit', 'role', 'active'] as const)
      if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
    if (Object.keys(changes).length === 0) return toPersonView(before);
    updatePerson(core.db, share(core, after));
    appendAudit(
      core.db,
      { ...actedBy(core), action: 'person.edit', entity: 'person', entityId: after.id, detail: changes },
      core.now(),
    );
    return toPersonView(after);
  })();
}

export function deactivatePerson(core: Core, input: ValidInput<'people.deactivate'>): Outputs['people.deactivate'] {
  return editPerson(core, { person: input.person, active: false, title: undefined, unit: undefined });
}

/** A clerk sets or resets anyone's password; an official changes their own with the current one. */
export function setPassword(core: Core, input: ValidInput<'people.setPassword'>): Outputs['people.setPassword'] {
  return core.db.transaction(() => {
    const target = resolvePerson(core.db, input.person);
    const actorId = deskPersonId(core);
    const actor = actorId === null ? undefined : getPerson(core.db, actorId);
    const own = actor?.id === target.id;
    if (own && actor.role !== 'clerk' && target.passwordHash !== null) {
      if (input.currentPassword === undefined) throw new AppError('PASSWORD_REQUIRED', 'current password');
      if (!verifyPassword(input.currentPassword, target.passwordHash))
        throw new AppError('PASSWORD_INCORRECT', `official ${target.id}`);
    } else if (!own) {
      requireClerk(core);
    }
    const after: PersonRow = {
      ...target,
      passwordHash: input.password === null ? null : hashPassword(input.password),
      updatedAt: core.now().toISOString(),
    };
    updatePerson(core.db, after);
    appendAudit(
      core.db,
      {
        ...actedBy(core),
        action: input.password === null ? 'person.password-clear' : 'person.password-set',
        entity: 'person',
        entityId: target.id,
        detail: {},
      },
      core.now(),
    );
    return toPersonView(after);
  })();
}
