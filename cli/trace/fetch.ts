import type { TraceEntry } from "../../contracts/common/trace.ts";
import { TraceGetOutput } from "../../contracts/queries/trace-get.ts";
import { expectShape } from "../api/expect.ts";
import { queryString, segment } from "../api/query.ts";
import type { Session } from "../api/session.ts";

export interface FullTrace {
  traceId: string;
  executionId: string;
  events: TraceEntry[];
  /** The server's verdict on the chain as of the last page served. */
  chain: TraceGetOutput["chain"];
}

/** Every event of a trace, page by page, with the server's chain verdict from the last page. */
export async function fetchTrace(session: Session, traceId: string, includePayloads: boolean): Promise<FullTrace> {
  const events: TraceEntry[] = [];
  let cursor: string | undefined;
  let last: TraceGetOutput | undefined;
  do {
    const path = `/v1/traces/${segment(traceId)}${queryString({ limit: 500, cursor, includePayloads: includePayloads ? "true" : undefined })}`;
    last = expectShape(TraceGetOutput, await session.call({ method: "GET", path }, `reading trace ${traceId}`), "trace get");
    events.push(...last.events);
    cursor = last.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { traceId: last.traceId, executionId: last.executionId, events, chain: last.chain };
}
