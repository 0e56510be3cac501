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

export function updateOffice(db: Db, fields: Partial<Omit<OfficeRow, 'createdAt'>>): void {
  const columns = {
    agencyCode: 'agency_code',
    name: 'name',
    abbreviation: 'abbreviation',
    defaultUnit: 'default_unit',
  };
  const names = (Object.keys(fields) as (keyof typeof columns)[]).filter((field) => fields[field] !== undefined);
  if (names.length === 0) return;
  statement(db, `UPDATE office SET ${names.map((f) => `${columns[f]} = @${f}`).join(', ')} WHERE id = 1`).run(
    Object.fromEntries(names.map((f) => [f, fields[f]])),
  );
}
