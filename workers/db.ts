// The D1 client lives below both the edge Worker and the Durable Objects (runtime/db.ts); kept here for existing imports.
export { type Db, database } from "../runtime/db.ts";
