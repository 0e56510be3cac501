// The derived handling rows checked against the events they come from: a row
// edited by hand, or a derivation changed without rebuilding, shows here.
import type { Outputs } from '../../shared/api.ts';
import type { Db } from '../db/connection.ts';
import { getDocumentRow } from '../db/documents.ts';
import { documentsWithHandling, getHandling, listParties } from '../db/handling.ts';
import { partiesOf } from './handling-state.ts';
import { derivedFor } from './handling.ts';

export function checkHandling(db: Db): Outputs['store.check']['handling'] {
  const mismatched: string[] = [];
  const ids = documentsWithHandling(db);
  for (const id of ids) {
    const document = getDocumentRow(db, id);
    const stored = getHandling(db, id);
    if (!document || !stored) {
      mismatched.push(id);
      continue;
    }
    const derived = derivedFor(db, document);
    const parties = partiesOf(derived)
      .map((party) => `${party.role}:${party.personId}`)
      .sort();
    const storedParties = listParties(db, id).map((party) => `${party.role}:${party.personId}`);
    const same =
      stored.state === derived.state &&
      stored.mainPersonId === derived.main &&
      stored.dueOn === derived.dueOn &&
      stored.assignedOn === derived.assignedOn &&
      stored.completedOn === derived.completedOn &&
      JSON.stringify([...new Set(parties)]) === JSON.stringify(storedParties);
    if (!same) mismatched.push(id);
  }
  return { ok: mismatched.length === 0, checked: ids.length, mismatched: mismatched.slice(0, 20) };
}
