// The embedded database: PostgreSQL compiled to WebAssembly, in <data>/db.
// Single process: the admin CLI talks to a running hub instead of opening it.
import { PGlite } from '@electric-sql/pglite';
import type { Database, SqlParam, Transaction } from './database.ts';

export async function openPglite(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir);
  return {
    kind: 'pglite',
    async query<Row>(sql: string, params: readonly SqlParam[] = []) {
      return (await db.query<Row>(sql, [...params])).rows;
    },
    // PGlite runs one transaction at a time and queues every other query behind it.
    transaction<T>(work: (tx: Transaction) => Promise<T>) {
      return db.transaction((tx) =>
        work({
          async query<Row>(sql: string, params: readonly SqlParam[] = []) {
            return (await tx.query<Row>(sql, [...params])).rows;
          },
          async exec(script: string) {
            await tx.exec(script);
          },
        }),
      );
    },
    close: () => db.close(),
  };
}
