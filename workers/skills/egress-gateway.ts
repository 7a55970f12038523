import { WorkerEntrypoint } from "cloudflare:workers";
import type { SkillEgressPayload } from "../../contracts/events/skill-egress.ts";
import { egressAllows } from "../../engine/skills/egress.ts";
import type { Env } from "../env.ts";
import { log } from "../../runtime/log.ts";

/** Who is asking, fixed when the sandbox is built: the skill code cannot change its own props. */
export interface EgressProps {
  executionId: string;
  stepId: string;
  skill: string;
  version: string;
  tool: string;
  egress: string[];
}

export type EgressRecord = SkillEgressPayload & { stepId: string };

/**
 * The sandbox's `globalOutbound`: every fetch a skill makes arrives here. Only HTTPS to a host on the
 * manifest's egress list (default port) is forwarded; everything else is answered 403 and never leaves.
 * Each request, allowed or not, is recorded on the execution's trace before it is answered. A redirect is
 * answered to the skill as it came (3xx with its Location), never followed by the gateway: if the skill follows
 * it, that request is a new one through this gateway and meets the allowlist like any other.
 */
export class EgressGateway extends WorkerEntrypoint<Env, EgressProps> {
  override async fetch(request: Request): Promise<Response> {
    const props = this.ctx.props;
    const url = URL.parse(request.url);
    const host = url?.hostname ?? "";
    const refusal = refusalOf(url, props.egress);
    const base = { skill: props.skill, version: props.version, tool: props.tool, method: request.method, host, path: (url?.pathname ?? "").slice(0, 2000) };
    if (refusal !== null) {
      await this.#record({ ...base, decision: "blocked", reason: refusal, status: null });
      return Response.json({ code: "EGRESS_BLOCKED", detail: refusal }, { status: 403 });
    }
    let response: Response;
    try {
      // Never followed here: the skill gets the 3xx itself, and a hop it follows comes back through this gateway.
      response = await fetch(request, { redirect: "manual" });
    } catch (error) {
      await this.#record({ ...base, decision: "allowed", reason: `${host} is on the allowlist; the request failed: ${String(error)}`.slice(0, 500), status: null });
      throw error;
    }
    await this.#record({ ...base, decision: "allowed", reason: `${host} is on the allowlist`, status: response.status });
    return response;
  }

  async #record(payload: SkillEgressPayload): Promise<void> {
    const { executionId, stepId } = this.ctx.props;
    log.info("skill egress", { executionId, stepId, ...payload });
    const stub = this.env.EXECUTIONS.get(this.env.EXECUTIONS.idFromName(executionId));
    await stub.recordEgress({ ...payload, stepId });
  }
}

function refusalOf(url: URL | null, allowlist: readonly string[]): string | null {
  if (url === null) return "not a URL";
  if (url.protocol !== "https:") return `only https is allowed, not ${url.protocol}`;
  if (url.port !== "" && url.port !== "443") return `port ${url.port} is not allowed`;
  if (url.username !== "" || url.password !== "") return "credentials in the URL are not allowed";
  if (!egressAllows(allowlist, url.hostname)) return `${url.hostname} is not on the skill's egress allowlist`;
  return null;
}
