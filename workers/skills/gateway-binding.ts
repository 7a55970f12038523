import type { EgressProps } from "./egress-gateway.ts";
import type { GatewayFactory } from "./sandbox.ts";

/**
 * The loopback binding of this Worker's `EgressGateway` export (`ctx.exports`), specialised with props per
 * sandbox. Read defensively because `ctx.exports` is typed from the main module, which would be circular here.
 */
export function egressGatewayFrom(exports: unknown): GatewayFactory {
  const entry: unknown = typeof exports === "object" && exports !== null ? Reflect.get(exports, "EgressGateway") : undefined;
  if (typeof entry !== "function") throw new Error("this Worker does not export EgressGateway");
  const bind = entry as (options: { props: EgressProps }) => Fetcher;
  return (props) => bind({ props });
}
