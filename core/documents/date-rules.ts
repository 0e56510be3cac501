// The date rules of a register entry (shared/entry-dates.ts), the same for
// every caller (the CLI, the window, browser mode): core refuses dates the clerk cannot have meant and
// names the field, so the form shows the message under it.
import { dayMonthYear } from '../../shared/dates.ts';
import {
  arrivesAfterToday,
  arrivesBeforeIssued,
  dueBeforeItsStart,
  issuedAfterToday,
} from '../../shared/entry-dates.ts';
import { AppError } from '../../shared/errors.ts';

export type DateField = 'issuedOn' | 'arrivedOn' | 'dueOn';

export interface EntryDates {
  /** Ngày văn bản: the date the document bears. */
  issuedOn: string | null;
  /** Ngày đến (incoming only). */
  arrivedOn: string | null;
  /** Hạn giải quyết. */
  dueOn: string | null;
}

/**
 * What is wrong with the dates of an entry as they will stand, for the fields
 * the caller sets (`changed`): a rule on two dates runs when either changes,
 * so a correction is never refused for an old entry's other field.
 *
 * - Ngày đến not after today: a letter cannot arrive tomorrow.
 * - Ngày đến not before ngày văn bản — unless the ngày văn bản is a confirmed
 *   future date: a letter dated ahead is in the clerk's hands before its date.
 * - Hạn giải quyết not before the date the entry's deadline counts from: ngày
 *   đến for an incoming document, ngày văn bản for an issued outgoing one
 *   (`dueFrom`). A draft has neither yet: its hạn is checked once it has.
 * - Ngày văn bản after today needs the clerk's confirmation
 *   (`confirmFutureIssuedOn`): `unconfirmed` holds the question, asked only
 *   once every other field is right, so that confirming saves.
 */
export function dateProblems(options: {
  dates: EntryDates;
  changed: ReadonlySet<DateField>;
  dueFrom: 'arrivedOn' | 'issuedOn' | null;
  today: string;
  confirmFutureIssuedOn: boolean;
}): { fields: Record<string, string>; unconfirmed: Record<string, string> | null } {
  const { dates, changed, today } = options;
  const { issuedOn, arrivedOn, dueOn } = dates;
  const fields: Record<string, string> = {};
  const futureIssue = issuedOn !== null && issuedAfterToday(issuedOn, today);

  if (changed.has('arrivedOn') && arrivedOn !== null && arrivesAfterToday(arrivedOn, today)) {
    fields.arrivedOn = `Ngày đến ${dayMonthYear(arrivedOn)} sau hôm nay (${dayMonthYear(today)}): văn bản chưa thể đến. Kiểm tra lại ngày đến.`;
  }
  if (
    (changed.has('arrivedOn') || changed.has('issuedOn')) &&
    arrivedOn !== null &&
    issuedOn !== null &&
    arrivesBeforeIssued(arrivedOn, issuedOn, today) &&
    fields.arrivedOn === undefined
  ) {
    if (changed.has('arrivedOn'))
      fields.arrivedOn = `Ngày đến ${dayMonthYear(arrivedOn)} trước ngày văn bản ${dayMonthYear(issuedOn)}. Kiểm tra lại hai ngày này.`;
    else
      fields.issuedOn = `Ngày văn bản ${dayMonthYear(issuedOn)} sau ngày đến ${dayMonthYear(arrivedOn)}. Kiểm tra lại hai ngày này.`;
  }
  const from = options.dueFrom === null ? null : dates[options.dueFrom];
  if (
    options.dueFrom !== null &&
    (changed.has('dueOn') || changed.has(options.dueFrom)) &&
    dueOn !== null &&
    from !== null &&
    dueBeforeItsStart(dueOn, from)
  ) {
    const fromName = options.dueFrom === 'arrivedOn' ? 'ngày đến' : 'ngày văn bản';
    if (changed.has('dueOn'))
      fields.dueOn = `Hạn giải quyết ${dayMonthYear(dueOn)} trước ${fromName} ${dayMonthYear(from)}. Kiểm tra lại hạn giải quyết.`;
    else
      fields[options.dueFrom] ??=
        `${options.dueFrom === 'arrivedOn' ? 'Ngày đến' : 'Ngày văn bản'} ${dayMonthYear(from)} sau hạn giải quyết ${dayMonthYear(dueOn)}. Sửa cả hạn giải quyết nếu cần.`;
  }
  const unconfirmed =
    changed.has('issuedOn') && futureIssue && !options.confirmFutureIssuedOn
      ? {
          issuedOn: `Ngày văn bản ${dayMonthYear(issuedOn)} muộn hơn hôm nay (${dayMonthYear(today)}). Nếu văn bản đúng là ghi ngày đó, hãy xác nhận để lưu.`,
        }
      : null;
  return { fields, unconfirmed };
}

/**
 * Refuses what the checks found: VALIDATION_FAILED with every bad field
 * (field name → Vietnamese message) first; only then, when nothing else is
 * wrong, ISSUED_ON_FUTURE_UNCONFIRMED, which the form turns into a question.
 */
export function refuseProblems(
  problems: { fields: Record<string, string>; unconfirmed: Record<string, string> | null },
  detail: string,
): void {
  if (Object.keys(problems.fields).length > 0)
    throw new AppError('VALIDATION_FAILED', `${detail}: ${Object.keys(problems.fields).join(', ')}`, {
      fields: problems.fields,
    });
  if (problems.unconfirmed)
    throw new AppError('ISSUED_ON_FUTURE_UNCONFIRMED', `${detail}: issuedOn in the future`, {
      fields: problems.unconfirmed,
    });
}

/** The checks of `dateProblems`, refused at once. */
export function checkEntryDates(options: Parameters<typeof dateProblems>[0]): void {
  refuseProblems(dateProblems(options), `dates ${JSON.stringify({ ...options.dates, today: options.today })}`);
}
