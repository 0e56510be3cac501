import { statement, type Db } from './connection.ts';
import type { PersonRole } from '../../shared/handling.ts';

export interface PersonRow {
  id: string;
  name: string;
  title: string | null;
  unit: string | null;
  role: PersonRole;
  active: number;
  passwordHash: string | null;
  createdAt: string;
  updatedAt: string;
  /** The clock of the record as the agency's desks share it; null before it was first shared. */
  hlc: string | null;
}

const PERSON_SELECT =
  'id, name, title, unit, role, active, password_hash AS passwordHash, created_at AS createdAt, updated_at AS updatedAt, hlc';

export function insertPerson(db: Db, row: PersonRow): void {
  statement(
    db,
    `INSERT INTO people (id, name, title, unit, role, active, password_hash, created_at, updated_at, hlc)
     VALUES (@id, @name, @title, @unit, @role, @active, @passwordHash, @createdAt, @updatedAt, @hlc)`,
  ).run(row);
}

export function updatePerson(db: Db, row: PersonRow): void {
  statement(
    db,
    `UPDATE people SET name = @name, title = @title, unit = @unit, role = @role, active = @active,
       password_hash = @passwordHash, updated_at = @updatedAt, hlc = @hlc WHERE id = @id`,
  ).run(row);
}

export function getPerson(db: Db, id: string): PersonRow | undefined {
  return statement(db, `SELECT ${PERSON_SELECT} FROM people WHERE id = ?`).get(id) as PersonRow | undefined;
}

export function listPeople(db: Db, includeInactive: boolean): PersonRow[] {
  return statement(
    db,
    `SELECT ${PERSON_SELECT} FROM people WHERE active = 1 OR ? ORDER BY active DESC, role, name COLLATE NOCASE`,
  ).all(includeInactive ? 1 : 0) as PersonRow[];
}

export function countPeople(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM people').get() as { n: number }).n;
}

/** The official this PC is enrolled with the hub for; null for an agency-wide device or one not enrolled. */
export function enrolledPersonId(db: Db): string | null {
  const row = statement(db, 'SELECT person_id AS personId FROM sync_device WHERE id = 1').get() as
    { personId: string | null } | undefined;
  return row?.personId ?? null;
}
