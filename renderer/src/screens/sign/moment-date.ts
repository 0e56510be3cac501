// A certificate's validity bound (an ISO moment) as the local calendar day,
// dd/mm/yyyy: a certificate ending at 17:00 UTC ends at midnight in Hanoi.
import { localDate } from '../../../../shared/dates.ts';
import { formatDate } from '../../components/dates.ts';

export function momentDate(iso: string): string {
  const moment = new Date(iso);
  return Number.isNaN(moment.getTime()) ? iso : formatDate(localDate(moment));
}
