// Who works at the desk. On a shared PC each official switches in with their
// own password; a wrong one changes nothing and records nothing in their name.
// An official's own desktop (enrolled with the hub for them) works as them
// only: they need no password there, and nobody else switches in.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import type { Core } from '../context.ts';
import { countPeople, enrolledPersonId, getPerson } from '../db/people.ts';
import { rememberDeskPerson } from './desk-person.ts';
import { verifyPassword } from './passwords.ts';
import { deskPersonId, resolveActivePerson, toPersonView } from './people.ts';

export function sessionView(core: Core): Outputs['session.get'] {
  const id = deskPersonId(core);
  const person = id === null ? undefined : getPerson(core.db, id);
  return {
    person: person ? toPersonView(person) : null,
    hasPeople: countPeople(core.db) > 0,
    personalDesk: enrolledPersonId(core.db) !== null,
  };
}

/** Refuses anyone but the official this PC is enrolled for; the hub would refuse their events anyway. */
function refuseOnPersonalDesk(core: Core, owner: string, wanted: string | null): never {
  const name = getPerson(core.db, owner)?.name ?? 'cán bộ được cài đặt máy';
  throw new AppError('NOT_PERMITTED', `personal desk of ${owner}: ${wanted ?? 'nobody'} refused`, {
    fields: {
      person: `Máy này chỉ dùng cho ${name}: máy được kết nối với máy chủ của tỉnh cho riêng cán bộ này, nên không đổi sang người khác được. Người khác làm việc trên máy của mình, hoặc trên máy dùng chung của cơ quan.`,
    },
  });
}

/** Checks the official's password, if they have one, and makes them the one acting. */
export function signIn(core: Core, ref: string, password: string | undefined): void {
  const person = resolveActivePerson(core.db, ref);
  const owner = enrolledPersonId(core.db);
  if (owner !== null) {
    if (person.id !== owner) refuseOnPersonalDesk(core, owner, person.id);
    core.session.personId = owner;
    return;
  }
  if (person.passwordHash !== null) {
    if (password === undefined) throw new AppError('PASSWORD_REQUIRED', `official ${person.id}`);
    if (!verifyPassword(password, person.passwordHash))
      throw new AppError('PASSWORD_INCORRECT', `official ${person.id}`);
  }
  core.session.personId = person.id;
}

export function switchPerson(core: Core, input: ValidInput<'session.switch'>): Outputs['session.switch'] {
  signIn(core, input.person, input.password);
  core.db.transaction(() => rememberDeskPerson(core.db, core.session.personId!, core.now()))();
  return sessionView(core);
}

export function leaveSession(core: Core): Outputs['session.leave'] {
  const owner = enrolledPersonId(core.db);
  if (owner !== null) refuseOnPersonalDesk(core, owner, null);
  core.session.personId = null;
  return sessionView(core);
}
