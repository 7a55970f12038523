import type { z } from "zod";
import type { ToolContract } from "../../contracts/tools/define.ts";
import { clientsFor, missingProviders, NotConfiguredError, type Clients, type ProviderKey } from "../../runtime/tools/clients.ts";
import type { ProviderConfig } from "../../runtime/tools/config.ts";
import { finalFailure, succeeded, type ToolFailure, type ToolOutcome } from "../../runtime/tools/outcome.ts";
import type { Transport } from "../../runtime/tools/providers/transport.ts";
import { isMintedStepContext, type StepContext } from "../../runtime/tools/step-context.ts";
import type { CredentialResolution } from "../../runtime/connections/resolve.ts";
import type { ConnectionTarget } from "../../runtime/connections/target.ts";

export interface ToolDeps {
  config: ProviderConfig;
  fetch: typeof fetch;
  /** Clock for Retry-After dates; `Date.now` unless a test pins it. */
  now?: () => number;
  /** Runs skill tools (`<publisher>/<skill>/<tool>`) in their sandbox; without it, skill steps are unknown tools. */
  skills?: { run(context: StepContext): Promise<ToolOutcome> };
  /** Runs upstream MCP tools (`mcp.<server>.<tool>`) after checking their pinned definitions; without it they are unknown tools. */
  upstreams?: { run(context: StepContext): Promise<ToolOutcome> };
  /**
   * Per-tenant credentials (runtime/connections/resolve.ts): the configuration this step of this tenant may use
   * for the targets it declares. Without it (unit tests of adapters), `config` is used as given.
   */
  credentials?: { resolve(tenantId: string, targets: readonly ConnectionTarget[]): Promise<CredentialResolution> };
}

/** What an adapter's `run` receives: the input already parsed by the tool contract. */
export interface AdapterCall<I> {
  input: I;
  context: StepContext;
  config: ProviderConfig;
  clients: Clients;
  transport: Transport;
}

export interface AdapterSpec<I extends z.ZodObject, O extends z.ZodType> {
  tool: ToolContract<I, O>;
  /** The providers this call talks to, so a misconfigured call fails before any work. */
  needs(call: { input: z.output<I>; context: StepContext; config: ProviderConfig }): readonly ProviderKey[];
  /**
   * What the call acts on, so its credential is the tenant's install of exactly that (a Slack team, a repository,
   * a sending number). Default: each provider it needs, naming no particular target.
   */
  targets?(call: { input: z.output<I>; context: StepContext; config: ProviderConfig }): readonly ConnectionTarget[];
  run(call: AdapterCall<z.output<I>>): Promise<ToolOutcome<z.input<O>>>;
}

/** A built-in tool as dispatch sees it: which contract it implements, and one guarded entry point. */
export interface ToolAdapter {
  readonly key: string;
  readonly version: string;
  invoke(context: StepContext, deps: ToolDeps): Promise<ToolOutcome>;
}

export const noStepContext: ToolFailure = Object.freeze(
  finalFailure("NO_STEP_CONTEXT", "a tool runs only with a step context minted by the executor"),
);

/**
 * Wraps an adapter so that its only entry point checks the step context, the contract's input and output,
 * and configuration. `run` is not exported anywhere: calling an adapter means going through these checks.
 */
export function defineAdapter<I extends z.ZodObject, O extends z.ZodType>(spec: AdapterSpec<I, O>): ToolAdapter {
  const { tool } = spec;

  async function invoke(context: StepContext, deps: ToolDeps): Promise<ToolOutcome> {
    if (!isMintedStepContext(context)) return noStepContext;
    const declared = context.step.tool;
    if (declared.key !== tool.key) {
      return finalFailure("TOOL_MISMATCH", `the step declares ${declared.key}, not ${tool.key}`);
    }
    if (declared.version !== tool.version) {
      return finalFailure("UNKNOWN_TOOL", `${declared.key}@${declared.version} is not available; this runtime has ${tool.version}`);
    }
    const input = tool.input.safeParse(context.input);
    if (!input.success) return finalFailure("INPUT_INVALID", describe(input.error));
    const call = { input: input.data, context, config: deps.config };
    const needs = spec.needs(call);
    let config = deps.config;
    if (deps.credentials !== undefined && needs.length > 0) {
      const targets = spec.targets?.(call) ?? needs.flatMap(untargeted);
      const resolved = await deps.credentials.resolve(context.tenantId, targets);
      if (!resolved.ok) return finalFailure(resolved.code, `${tool.key}: ${resolved.message}`);
      config = resolved.config;
    }
    const missing = missingProviders(config, needs);
    if (missing.length > 0) {
      return finalFailure("NOT_CONFIGURED", `${tool.key} needs provider configuration for ${missing.join(", ")}`);
    }

    const outcome = await runGuarded(spec, input.data, context, { ...deps, config });
    if (!outcome.ok) return outcome;
    const output = tool.output.safeParse(outcome.output);
    if (!output.success) return finalFailure("OUTPUT_INVALID", describe(output.error));
    return succeeded(output.data);
  }

  return Object.freeze({ key: tool.key, version: tool.version, invoke });
}

async function runGuarded<I extends z.ZodObject, O extends z.ZodType>(
  spec: AdapterSpec<I, O>,
  input: z.output<I>,
  context: StepContext,
  deps: ToolDeps,
): Promise<ToolOutcome<z.input<O>>> {
  const fetcher = deps.fetch;
  // Called unbound: the Workers runtime's fetch throws "Illegal invocation" when called as another object's method.
  const transport: Transport = {
    fetch: (request, init) => fetcher(request, init),
    timeoutMs: deps.config.timeoutMs,
    now: deps.now ?? Date.now,
  };
  try {
    return await spec.run({ input, context, config: deps.config, clients: clientsFor(deps.config, transport), transport });
  } catch (error) {
    if (error instanceof NotConfiguredError) return finalFailure("NOT_CONFIGURED", error.message);
    return finalFailure("ADAPTER_ERROR", `${spec.tool.key} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A provider a tool needs without naming what it acts on; GitHub always needs a repository, so it has none (and stays unconfigured). */
function untargeted(provider: ProviderKey): ConnectionTarget[] {
  return provider === "github" ? [] : [{ provider }];
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
}
