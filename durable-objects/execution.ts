import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env.ts";

/** One object per execution. The runtime (issue 4) fills this in; until then it holds nothing. */
export class ExecutionDO extends DurableObject<Env> {}
