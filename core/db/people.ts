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
}

const PERSON_SELECT =
  'id, name, title, unit, role, active, password_hash AS passwordHash, created_at AS createdAt, updated_at AS updatedAt';

export function insertPerson(db: Db, row: PersonRow): void {
  statement(
    db,
    `INSERT INTO people (id, name, title, unit, role, active, password_hash, created_at, updated_at)
     VALUES (@id, @name, @title, @unit, @role, @active, @passwordHash, @createdAt, @updatedAt)`,
  ).run(row);
}

export function updatePerson(db: Db, row: PersonRow): void {
  statement(
    db,
    `UPDATE people SET name = @name, title = @title, unit = @unit, role = @role, active = @active,
       password_hash = @passwordHash, updated_at = @updatedAt WHERE id = @id`,
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
