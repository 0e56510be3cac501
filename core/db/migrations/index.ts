import initial from './0001-initial.ts';

export interface Migration {
  name: string;
  sql: string;
}

// Append only: a migration that has shipped is never edited; the schema
// version stored in the database is the number of migrations applied.
export const migrations: readonly Migration[] = [{ name: '0001-initial', sql: initial }];
