// A PostgreSQL server (DATABASE_URL): a pool of connections, one per
// transaction, so changes from many communes are applied side by side.
import pg from 'pg';
import type { Database, SqlParam, Transaction } from './database.ts';

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its server must not crash the hub; the next query reconnects.
  pool.on('error', () => undefined);
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgres',
    async query<Row>(sql: string, params: readonly SqlParam[] = []) {
      return (await pool.query(sql, [...params])).rows as Row[];
    },
    async transaction<T>(work: (tx: Transaction) => Promise<T>) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work({
          async query<Row>(sql: string, params: readonly SqlParam[] = []) {
            return (await client.query(sql, [...params])).rows as Row[];
          },
          async exec(script: string) {
            await client.query(script);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
