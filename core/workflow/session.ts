// Who works at the desk. On a shared PC each official switches in with their
// own password; a wrong one changes nothing and records nothing in their name.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import { AppError } from '../../shared/errors.ts';
import type { Core } from '../context.ts';
import { countPeople, getPerson } from '../db/people.ts';
import { rememberDeskPerson } from './desk-person.ts';
import { verifyPassword } from './passwords.ts';
import { resolveActivePerson, toPersonView } from './people.ts';

export function sessionView(core: Core): Outputs['session.get'] {
  const id = core.session.personId;
  const person = id === null ? undefined : getPerson(core.db, id);
  return { person: person ? toPersonView(person) : null, hasPeople: countPeople(core.db) > 0 };
}

/** Checks the official's password, if they have one, and makes them the one acting. */
export function signIn(core: Core, ref: string, password: string | undefined): void {
  const person = resolveActivePerson(core.db, ref);
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
  core.session.personId = null;
  return sessionView(core);
}
