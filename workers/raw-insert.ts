import { getTableColumns, getTableName, type InferInsertModel, type Table } from "drizzle-orm";

/** Every column of the row named, nullable ones as null: a raw insert sets no SQL defaults. */
export type FullRow<T extends Table> = { [K in keyof InferInsertModel<T>]-?: Exclude<InferInsertModel<T>[K], undefined> };

/**
 * A raw D1 insert of one whole row, its SQL derived once from the drizzle table (so a renamed column cannot
 * drift) and its values mapped by the columns' own driver mapping (JSON columns stringified). For hot paths
 * only: building a drizzle query costs more CPU than local D1 takes to run it.
 */
export function rowInserter<T extends Table>(table: T, onConflict: "" | " ON CONFLICT DO NOTHING" = "") {
  const columns = Object.entries(getTableColumns(table));
  const sql =
    `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) ` +
    `VALUES (${columns.map(() => "?").join(", ")})${onConflict}`;
  return (d1: D1Database, row: FullRow<T>): D1PreparedStatement =>
    d1.prepare(sql).bind(
      ...columns.map(([key, column]) => {
        const value = (row as Record<string, unknown>)[key];
        return value === null || value === undefined ? null : column.mapToDriverValue(value);
      }),
    );
}
