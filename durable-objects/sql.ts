/** Thrown when a statement fails; carries the query and the cause, never the bound values. */
export class SqlError extends Error {
  readonly query: string;
  constructor(query: string, cause: unknown) {
    super(`SQL failed: ${query}`, { cause });
    this.name = "SqlError";
    this.query = query;
  }
}

type SqlValue = string | number | null | ArrayBuffer;

/**
 * A tagged template over the Durable Object's SQLite: `sql\`SELECT * FROM t WHERE id = ${id}\``.
 * Interpolated values are always bound parameters, never spliced into the text.
 */
export function sqlOf(storage: SqlStorage) {
  return function sql<T extends Record<string, SqlStorageValue>>(
    strings: TemplateStringsArray,
    ...values: SqlValue[]
  ): T[] {
    const query = strings.join("?");
    try {
      return storage.exec<T>(query, ...values).toArray();
    } catch (error) {
      throw new SqlError(query, error);
    }
  };
}

export type Sql = ReturnType<typeof sqlOf>;
