// The hub's one way into its database. PGlite (embedded, the default) and
// PostgreSQL (DATABASE_URL) run the same SQL through this interface, so there
// is one code path and the tests run it against both.

export type SqlParam = string | number | boolean | null;

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
}

export interface Transaction extends Queryable {
  /** Several statements at once: migrations only (the extended protocol takes one statement per query). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Commits when `work` resolves, rolls back when it throws. Inside, use only `tx`. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** JSON goes in as text with a `::jsonb` cast: both drivers pass text through unchanged. */
export const json = (value: unknown): string => JSON.stringify(value);
