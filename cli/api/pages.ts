import type { z } from "zod";
import { expectShape } from "./expect.ts";
import type { Session } from "./session.ts";

/** Follows `nextCursor` until the last page or until `max` items are collected. */
export async function collectPages<T>(
  session: Session,
  schema: z.ZodType<{ items: T[]; nextCursor: string | null }>,
  pathFor: (cursor: string | undefined) => string,
  what: string,
  max = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = expectShape(schema, await session.call({ method: "GET", path: pathFor(cursor) }, what), what);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && items.length < max);
  return items.slice(0, max);
}
