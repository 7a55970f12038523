import { WorkerEntrypoint } from "cloudflare:workers";
import type { Env } from "../env.ts";

export interface EgressProps {
  allow: string[];
}

export class EgressGateway extends WorkerEntrypoint<Env, EgressProps> {
  override async fetch(request: Request): Promise<Response> {
    const host = new URL(request.url).hostname;
    if (!this.ctx.props.allow.includes(host)) return new Response(`blocked ${host}`, { status: 403 });
    return fetch(request);
  }
}
