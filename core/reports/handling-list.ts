// The documents behind one figure of the handling report: what the dashboard
// opens when the leader clicks "3 quá hạn" beside an official. Counted exactly
// as the report counts them (handling-report.ts), so the list is never longer
// or shorter than the figure it opened from.
import type { Outputs, ValidInput } from '../../shared/api.ts';
import type { Core } from '../context.ts';
import { documentsAssignedIn } from '../db/handling-report.ts';
import { figureOf, reportAsOf, rowKeyOf } from './handling-report.ts';

export function handlingReportList(
  core: Core,
  input: ValidInput<'report.handlingList'>,
): Outputs['report.handlingList'] {
  const asOf = reportAsOf(core, input.to);
  const documents = documentsAssignedIn(core.db, input.from, input.to)
    .filter((row) => input.key === '' || rowKeyOf(row, input.by) === input.key)
    .filter((row) => input.figure === 'received' || figureOf(row, asOf) === input.figure)
    .map((row) => ({
      id: row.documentId,
      registerNumber: row.registerNumber,
      registerYear: row.registerYear,
      notation: row.notation,
      subject: row.subject,
      issuerName: row.issuerName,
      mainHandler: { id: row.personId, name: row.personName, title: row.personTitle },
      dueOn: row.dueOn,
      completedOn: row.completedOn,
    }));
  return { asOf, documents };
}
