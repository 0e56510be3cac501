// Applies a pushed batch, one change per transaction together with the record
// of its id: a replayed batch changes nothing, a poison change never blocks
// the ones after it, and a change that must wait leaves no trace.
import type { Change, ChangeResult } from '../../shared/sync-protocol.ts';
import type { CallingDevice } from '../auth.ts';
import { claimChangeId, recordOutcome, type StoredOutcome } from '../db/changes.ts';
import type { Database, Transaction } from '../db/database.ts';
import { applyDeskDocument } from './desk-document.ts';
import { applyDeskEvent } from './desk-event.ts';
import { applyIssue } from './issue.ts';
import type { Outcome } from './outcome.ts';
import { applyPerson } from './person.ts';
import { applyStatus } from './status.ts';
import { applyUpdate } from './update.ts';

export async function applyChanges(db: Database, device: CallingDevice, changes: Change[]): Promise<ChangeResult[]> {
  const results: ChangeResult[] = [];
  for (const change of changes) results.push(await applyChange(db, device, change));
  return results;
}

/** Carries a 'retry' out of the transaction so that it rolls back, id record included. */
class NotYet extends Error {
  constructor(readonly outcome: Extract<Outcome, { status: 'retry' }>) {
    super(outcome.code);
  }
}

async function applyChange(db: Database, device: CallingDevice, change: Change): Promise<ChangeResult> {
  try {
    return await db.transaction(async (tx) => {
      const earlier = await claimChangeId(tx, device.agency, change.id, device.id);
      if (earlier) return replayed(change.id, earlier);
      const outcome = await applyOp(tx, device, change);
      if (outcome.status === 'retry') throw new NotYet(outcome);
      const stored: StoredOutcome =
        outcome.status === 'applied'
          ? { status: 'applied', code: null, message: null }
          : { status: 'rejected', code: outcome.code, message: outcome.message };
      await recordOutcome(tx, device.agency, change.id, stored);
      return { id: change.id, ...outcome };
    });
  } catch (error) {
    if (error instanceof NotYet) return { id: change.id, ...error.outcome };
    // The database refused a value the schema let through (SQLSTATE class 22: data exception):
    // that change can never be stored, so it is rejected alone instead of failing the batch.
    if (isDataException(error))
      return { id: change.id, status: 'rejected', code: 'INVALID_VALUE', message: 'a value the hub cannot store' };
    throw error;
  }
}

function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22');
}

/** An applied change replays as 'duplicate'; a rejected one is rejected again, for the same reason. */
function replayed(id: string, earlier: StoredOutcome): ChangeResult {
  if (earlier.status === 'applied') return { id, status: 'duplicate' };
  return {
    id,
    status: 'rejected',
    ...(earlier.code ? { code: earlier.code } : {}),
    ...(earlier.message ? { message: earlier.message } : {}),
  };
}

function applyOp(tx: Transaction, device: CallingDevice, change: Change): Promise<Outcome> {
  switch (change.op) {
    case 'document.issue':
      return applyIssue(tx, device, change);
    case 'status.send':
      return applyStatus(tx, device, change);
    case 'document.update':
      return applyUpdate(tx, device, change);
    case 'person.put':
      return applyPerson(tx, device, change);
    case 'desk.document':
      return applyDeskDocument(tx, device, change);
    case 'desk.event':
      return applyDeskEvent(tx, device, change);
  }
}
