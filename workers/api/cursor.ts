import { z } from "zod";
import { ProblemError } from "./problem.ts";

/** Keyset position `(createdAt, id)` of the last item of a page, carried opaquely between pages. */
const Position = z.tuple([z.string(), z.string()]);
export type Position = z.infer<typeof Position>;

export function encodeCursor(position: Position): string {
  return btoa(JSON.stringify(position)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (cursor === undefined) return undefined;
  try {
    return Position.parse(JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/"))));
  } catch {
    throw new ProblemError(400, "INVALID_CURSOR", "The cursor is not one this API issued.", [
      { path: "cursor", message: "malformed cursor" },
    ]);
  }
}

/** Given `limit + 1` rows, the page and the cursor of its last item when more follow. */
export function pageOf<T>(rows: T[], limit: number, position: (row: T) => Position) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null;
  return { items, nextCursor };
}
