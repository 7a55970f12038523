import { drizzle } from "drizzle-orm/d1";
import * as schema from "../schema/index.ts";

export type Db = ReturnType<typeof create>;

function create(d1: D1Database) {
  return drizzle(d1, { schema });
}

// Building the instance walks the whole schema (relational config); measured at ~5 ms per execution in
// `npm run bench:runtime`'s profile, so each binding gets one, kept as long as the binding lives.
const instances = new WeakMap<D1Database, Db>();

export function database(d1: D1Database): Db {
  let db = instances.get(d1);
  if (db === undefined) {
    db = create(d1);
    instances.set(d1, db);
  }
  return db;
}
