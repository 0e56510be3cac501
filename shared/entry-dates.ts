// The date rules of a register entry, one definition for core (which refuses,
// core/documents/date-rules.ts) and the window (which says it on the field as
// the clerk types, renderer/src/components/date-rules.ts). Each side words the
// problem itself. Dates are yyyy-mm-dd, so comparing the strings compares the days.

/** Ngày văn bản after today: possible (a letter dated ahead), likelier a typo, so the clerk confirms it. */
export function issuedAfterToday(issuedOn: string, today: string): boolean {
  return issuedOn > today;
}

/** Ngày đến after today: a letter cannot arrive tomorrow. */
export function arrivesAfterToday(arrivedOn: string, today: string): boolean {
  return arrivedOn > today;
}

/** Ngày đến before ngày văn bản, unless the letter is dated ahead: then it is in the clerk's hands before its date. */
export function arrivesBeforeIssued(arrivedOn: string, issuedOn: string, today: string): boolean {
  return !issuedAfterToday(issuedOn, today) && arrivedOn < issuedOn;
}

/** Hạn giải quyết before the date it counts from (ngày đến, or ngày văn bản for an issued outgoing document). */
export function dueBeforeItsStart(dueOn: string, from: string): boolean {
  return dueOn < from;
}
