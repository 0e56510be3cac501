import type { Outputs, RegisterRowView, ValidInput } from '../../shared/api.ts';
import { localDate } from '../../shared/dates.ts';
import { findDocumentType } from '../../shared/domain.ts';
import type { Core } from '../context.ts';
import {
  countRegisterEntries,
  registerEntries,
  registerPageSeqs,
  registerYears,
  type RegisterEntryRow,
  type RegisterListFilters,
} from '../db/register-list.ts';
import { searchPlan } from './search.ts';
import { resolveDocumentType } from './types.ts';

/**
 * One window of the incoming register, the outgoing register or the drafts,
 * newest first, and how many entries the whole view holds: what a virtualized
 * table needs to size its scrollbar and draw the rows in sight.
 */
export function listRegister(core: Core, input: ValidInput<'documents.list'>): Outputs['documents.list'] {
  const today = localDate(core.now());
  const filters: RegisterListFilters = {
    view: input.view,
    year: input.year,
    docType: input.type === undefined ? undefined : resolveDocumentType(input.type).key,
    urgency: input.urgency,
    filedFrom: input.from,
    filedTo: input.to,
    overdueOn: input.overdue ? today : undefined,
    handlingState: input.handlingState,
    mainHandler: input.mainHandler,
    handlingDueBy: input.dueBy,
    // Typed into the register's filter box: folded like search, the last word read as the start of a word.
    match: input.query ? (searchPlan(input.query, true)?.match ?? undefined) : undefined,
  };
  const total = countRegisterEntries(core.db, filters);
  const seqs = input.offset < total ? registerPageSeqs(core.db, filters, input.limit, input.offset) : [];
  return { total, offset: input.offset, rows: registerEntries(core.db, seqs).map((row) => toRegisterRow(row, today)) };
}

function toRegisterRow({ seq: _seq, docType, ...row }: RegisterEntryRow, today: string): RegisterRowView {
  return {
    ...row,
    type: docType,
    typeName: findDocumentType(docType)?.name ?? docType,
    overdue:
      row.handlingState !== null && row.handlingDueOn !== null
        ? row.handlingState !== 'completed' && row.handlingDueOn < today
        : row.dueOn !== null && row.completedOn === null && row.dueOn < today,
  };
}

/** The years the year filter of a view offers, newest first. */
export function listRegisterYears(core: Core, input: ValidInput<'documents.years'>): Outputs['documents.years'] {
  return { years: registerYears(core.db, input.view) };
}
