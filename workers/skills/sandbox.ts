import type { SkillManifest } from "../../contracts/skills/manifest.ts";
import type { EgressProps } from "./egress-gateway.ts";

/** Per-call limits: CPU is enforced by the runtime, wall time by us (a bundle may wait on I/O forever). */
export const SANDBOX_LIMITS = { cpuMs: 100, subRequests: 20, wallMs: 10_000 } as const;

/** The compatibility date bundles of skill runtime contract 1.x run under. */
const BUNDLE_COMPATIBILITY_DATE = "2026-08-01";

export type GatewayFactory = (props: EgressProps) => Fetcher;

export interface SandboxRequest {
  loader: WorkerLoader;
  gateway: GatewayFactory;
  manifest: SkillManifest;
  /** Bytes already checked against the manifest's digest. */
  bundle: Uint8Array;
  props: EgressProps;
  /** Unique per attempt: the loader caches isolates by id, and props are fixed per isolate. */
  isolateId: string;
}

/**
 * An isolate running only the bundle: no bindings and no secrets (the manifest format declares none, so
 * none are granted), and `globalOutbound` bound to the egress gateway with this step's props.
 */
export function sandboxFor(request: SandboxRequest): Fetcher {
  const source = new TextDecoder().decode(request.bundle);
  const worker = request.loader.get(request.isolateId, () => ({
    compatibilityDate: BUNDLE_COMPATIBILITY_DATE,
    mainModule: "bundle.js",
    modules: { "bundle.js": source },
    env: {},
    globalOutbound: request.gateway(request.props),
    limits: { cpuMs: SANDBOX_LIMITS.cpuMs, subRequests: SANDBOX_LIMITS.subRequests },
  }));
  return worker.getEntrypoint();
}
