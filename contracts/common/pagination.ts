import { z } from "zod";

export const Cursor = z
  .string()
  .min(1)
  .max(512)
  .describe("Opaque cursor taken from `nextCursor` of the previous page");

/** Page size for a list query; query strings carry text, so the value is coerced. */
export const pageLimit = (max: number, fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .default(fallback)
    .describe(`Page size, 1 to ${max} (default ${fallback})`);

/** One page of a list: the items and a cursor that is `null` on the last page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    items: z.array(item),
    nextCursor: Cursor.nullable().describe("Cursor for the next page; `null` when this is the last page"),
  });
