// What only some officials may do outside the handling events: the clerk
// numbers and adds the organization signature, a leader signs personally, and
// a draft sent up for approval is signed only once it is approved (Decree 30
// Art. 13–18). Before the agency lists its officials, the desk acts as before.
import { AppError } from '../../shared/errors.ts';
import type { PersonRole } from '../../shared/handling.ts';
import type { Core } from '../context.ts';
import { getHandling } from '../db/handling.ts';
import { countPeople } from '../db/people.ts';
import { actingPerson } from './people.ts';

export function requireRoleWhenOfficials(core: Core, role: PersonRole, what: string): void {
  if (countPeople(core.db) === 0) return;
  const person = actingPerson(core);
  if (person.role !== role) throw new AppError('NOT_PERMITTED', `${what}: ${person.role} ${person.id}, needs ${role}`);
}

/** A personal signature on a draft that went up for approval waits for the approval. */
export function checkPersonalSignature(core: Core, documentId: string): void {
  requireRoleWhenOfficials(core, 'leader', 'personal signature');
  const handling = getHandling(core.db, documentId);
  if (handling && handling.state !== 'approved')
    throw new AppError('HANDLING_STEP_INVALID', `draft ${documentId} is ${handling.state}, not approved`);
}
