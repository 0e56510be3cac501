import { statement, type Db } from './connection.ts';

export interface OfficeRow {
  agencyCode: string;
  name: string;
  abbreviation: string;
  defaultUnit: string;
  createdAt: string;
}

export function getOffice(db: Db): OfficeRow | undefined {
  return statement(
    db,
    `SELECT agency_code AS agencyCode, name, abbreviation, default_unit AS defaultUnit, created_at AS createdAt
       FROM office WHERE id = 1`,
  ).get() as OfficeRow | undefined;
}

export function insertOffice(db: Db, office: OfficeRow): void {
  statement(
    db,
    `INSERT INTO office (id, agency_code, name, abbreviation, default_unit, created_at)
     VALUES (1, @agencyCode, @name, @abbreviation, @defaultUnit, @createdAt)`,
  ).run(office);
}
