// The date rules of a register entry (shared/entry-dates.ts), checked on each
// field as the clerk types (core applies the same ones and its messages land on
// the same fields): ngày đến not in the future and not before ngày văn
// bản; hạn giải quyết not before the date it counts from; a ngày văn bản after
// today is a warning the clerk confirms (a letter dated ahead happens, a typo
// is likelier), asked again on saving if it was not.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  arrivesAfterToday,
  arrivesBeforeIssued,
  dueBeforeItsStart,
  issuedAfterToday,
} from '../../../shared/entry-dates.ts';
import { formatDate, parseDateInput, today } from './dates.ts';

/** The trigger of rules that run only when the whole form is checked (saving), never while typing. */
export const ON_SAVE = 'onSave';

type Fields = 'issuedOn' | 'arrivedOn' | 'dueOn' | 'confirmFutureIssuedOn';
type GetField = (name: Fields) => unknown;

const dateOf = (value: unknown) => (typeof value === 'string' ? parseDateInput(value) : null);

/** Whether the form's ngày văn bản is a real date later than today. */
export function issuedInFuture(value: unknown): boolean {
  const issued = dateOf(value);
  return issued !== null && issuedAfterToday(issued, today());
}

const check = (problem: string | null) => (problem ? Promise.reject(new Error(problem)) : Promise.resolve());

export interface DateRules {
  date: FormRule;
  issuedOn: FormRule[];
  arrivedOn: FormRule[];
  dueOn: FormRule[];
}

/**
 * The rules of the date fields, in the current language. `dueFrom`: the date the hạn giải quyết counts
 * from (ngày đến for an incoming document, ngày văn bản for an issued outgoing
 * one, none for a draft).
 */
export function useDateRules(dueFrom: 'arrivedOn' | 'issuedOn' | null): DateRules {
  const { t } = useTranslation('common');
  return dateRules(t, dueFrom);
}

function dateRules(t: TFunction<'common'>, dueFrom: 'arrivedOn' | 'issuedOn' | null): DateRules {
  const date: FormRule = {
    validator: (_rule, value: unknown) =>
      check(typeof value === 'string' && value.trim() !== '' && !parseDateInput(value) ? t('dates.invalid') : null),
  };
  const issuedOn: FormRule[] = [
    date,
    // While typing: an orange note under the field, with the box to confirm.
    ({ getFieldValue }: { getFieldValue: GetField }) => ({
      warningOnly: true,
      validator: (_rule, value: unknown) =>
        check(
          issuedInFuture(value) && getFieldValue('confirmFutureIssuedOn') !== true
            ? t('dates.issuedFuture', { date: formatDate(dateOf(value)), today: formatDate(today()) })
            : null,
        ),
    }),
    // On saving: not confirmed, not saved.
    ({ getFieldValue }: { getFieldValue: GetField }) => ({
      validateTrigger: ON_SAVE,
      validator: (_rule, value: unknown) =>
        check(
          issuedInFuture(value) && getFieldValue('confirmFutureIssuedOn') !== true ? t('dates.confirmNeeded') : null,
        ),
    }),
  ];
  const arrivedOn: FormRule[] = [
    date,
    ({ getFieldValue }: { getFieldValue: GetField }) => ({
      validator: (_rule, value: unknown) => {
        const arrived = dateOf(value);
        if (!arrived) return Promise.resolve();
        if (arrivesAfterToday(arrived, today()))
          return check(t('dates.arrivedFuture', { date: formatDate(arrived), today: formatDate(today()) }));
        const issued = dateOf(getFieldValue('issuedOn'));
        const before = issued !== null && arrivesBeforeIssued(arrived, issued, today());
        return check(
          before ? t('dates.arrivedBeforeIssued', { date: formatDate(arrived), issued: formatDate(issued) }) : null,
        );
      },
    }),
  ];
  const dueOn: FormRule[] = [
    date,
    ({ getFieldValue }: { getFieldValue: GetField }) => ({
      validator: (_rule, value: unknown) => {
        const due = dateOf(value);
        const from = dueFrom ? dateOf(getFieldValue(dueFrom)) : null;
        if (!due || !from || !dueBeforeItsStart(due, from)) return Promise.resolve();
        const key = dueFrom === 'arrivedOn' ? 'dates.dueBeforeArrived' : 'dates.dueBeforeIssued';
        return check(t(key, { date: formatDate(due), from: formatDate(from) }));
      },
    }),
  ];
  return { date, issuedOn, arrivedOn, dueOn };
}
