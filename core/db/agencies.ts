// The agency directory (danh bạ mã định danh) that sync's directory phase fills.
import { statement, type Db } from './connection.ts';

export interface AgencyRow {
  code: string;
  name: string;
  parentCode: string | null;
  level: number | null;
}

/**
 * Every agency but one (the office's own). A province's directory holds a few
 * thousand entries: small enough to fold and filter in memory, which SQL
 * cannot do for Vietnamese without a folded copy kept by the writer.
 */
export function listAgencies(db: Db, exceptCode: string | null): AgencyRow[] {
  return statement(
    db,
    `SELECT code, name, parent_code AS parentCode, level FROM agencies WHERE code IS NOT @exceptCode`,
  ).all({ exceptCode }) as AgencyRow[];
}
