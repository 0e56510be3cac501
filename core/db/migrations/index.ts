import fs from 'node:fs';

export interface Migration {
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})-[a-z0-9-]+\.sql$/;

/**
 * The numbered .sql files beside this module, in order. Append only: a
 * migration that has shipped is never edited; the schema version stored in
 * the database is the number of migrations applied.
 */
function loadMigrations(): Migration[] {
  const dir = new URL('./', import.meta.url);
  const files = fs
    .readdirSync(dir)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort();
  files.forEach((file, index) => {
    if (Number(MIGRATION_FILE.exec(file)![1]) !== index + 1) throw new Error(`migration ${file} is out of sequence`);
  });
  return files.map((file) => ({ name: file.replace(/\.sql$/, ''), sql: fs.readFileSync(new URL(file, dir), 'utf8') }));
}

export const migrations: readonly Migration[] = loadMigrations();
