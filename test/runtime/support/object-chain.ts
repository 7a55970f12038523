import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { executionStub } from "../../support/runtime.ts";

/** Edits the stored event at `seq` in the execution's own SQLite, the chain's record of truth (no re-hashing). */
export async function editObjectEvent(executionId: string, seq: number, edit: (event: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  await runInDurableObject(executionStub(executionId), (_instance, state) => {
    const [row] = state.storage.sql.exec<{ event: string }>("SELECT event FROM events WHERE seq = ?", seq).toArray();
    if (row === undefined) throw new Error(`no event at seq ${seq}`);
    state.storage.sql.exec("UPDATE events SET event = ? WHERE seq = ?", JSON.stringify(edit(JSON.parse(row.event) as Record<string, unknown>)), seq);
  });
}

/** Deletes stored events of the execution's chain: `where` is an SQL condition on `seq`. */
export async function deleteObjectEvents(executionId: string, where: string, ...params: number[]): Promise<void> {
  await runInDurableObject(executionStub(executionId), (_instance, state) => {
    state.storage.sql.exec(`DELETE FROM events WHERE ${where}`, ...params);
  });
}

/** The chain head D1's execution index recorded. */
export async function indexHead(executionId: string): Promise<{ seq: number | null; hash: string | null } | undefined> {
  return (await env.DB.prepare("SELECT head_seq AS seq, head_hash AS hash FROM executions WHERE id = ?").bind(executionId).first<{ seq: number | null; hash: string | null }>()) ?? undefined;
}
