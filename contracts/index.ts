import type { AnyContract } from "./define.ts";
import { createRegistry } from "./registry.ts";
import { v1Capabilities, v1Events, v1Operations } from "./v1.ts";

export * from "./define.ts";
export * from "./registry.ts";
export * from "./v1.ts";
export * from "./json-schema.ts";
export * from "./openapi.ts";

export const v1Contracts: readonly AnyContract[] = [
  ...Object.values(v1Capabilities),
  ...Object.values(v1Events),
  ...Object.values(v1Operations),
];

/** The registry this deployment serves; building it checks every cross-reference. */
export const registry = createRegistry(v1Contracts);
