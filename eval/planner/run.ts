import { parseArgs } from "node:util";
import { toolRegistry } from "../../contracts/tools/index.ts";
import { plannerAnswerSchema } from "../../engine/planner/answer-schema.ts";
import { planFromModel } from "../../engine/planner/plan-from-model.ts";
import { plannerPrompt } from "../../engine/planner/prompt.ts";
import { callPlannerModel, type ModelCallRecord } from "../../runtime/model/call.ts";
import { type ModelConfig, ModelConfigError, modelConfigFromEnv } from "../../runtime/model/config.ts";
import { CATEGORIES, CORPUS_DIR, type CorpusItem, loadCorpus } from "./corpus.ts";
import { evalIntent, evalOffer, reachesModel } from "./intent.ts";
import { type ItemResult, observedOf, scoreItem, summarise } from "./score.ts";
import { type ModelStandin, STANDIN_MODEL, startModelStandin } from "./standin.ts";

/**
 * `npm run eval:planner`: every corpus request through the production planner path (the grammar first; the
 * prompt, answer schema and AI SDK call of the execution; the reader, compiler and verifier; then the default
 * policy and the confirmation rule to judge what would run) against MODEL_* from the environment, or, with
 * MODEL_PROVIDER unset, against the stand-in model the eval ships. Exits 1 on a harness error, or on any
 * unsafe outcome with the stand-in; a real model's unsafe outcomes are reported, not failed on.
 */

class HarnessError extends Error {}

function readFlags() {
  try {
    return parseArgs({
      options: {
        concurrency: { type: "string", default: "4" },
        verbose: { type: "boolean", default: false },
        category: { type: "string", multiple: true },
        corpus: { type: "string", default: CORPUS_DIR },
      },
    }).values;
  } catch (error) {
    throw new HarnessError(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<number> {
  const flags = readFlags();
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new HarnessError(`--concurrency must be a positive integer, not ${flags.concurrency}`);
  const wanted = flags.category ?? [];
  const corpus = loadCorpus(flags.corpus).filter((item) => wanted.length === 0 || wanted.includes(item.category));
  if (corpus.length === 0) throw new HarnessError(`no corpus items in categories ${wanted.join(", ")}`);

  let standin: ModelStandin | null = null;
  let config = configured();
  if (config === null) {
    standin = await startModelStandin();
    config = { provider: "openai-compatible", model: STANDIN_MODEL, baseUrl: standin.baseUrl, apiKey: null, timeoutMs: 20_000 };
    console.log("MODEL_PROVIDER is not set: running against the eval's STAND-IN model (eval/planner/standin-model.ts), a keyword");
    console.log("reader on a loopback OpenAI-compatible server, not a language model. The figures below measure the harness, not a model.");
  } else {
    console.log(`Model: ${config.provider} ${config.model}${config.provider === "openai-compatible" ? ` at ${config.baseUrl}` : ""}`);
  }
  try {
    const started = Date.now();
    const runs = await pool(corpus, concurrency, (item) => evaluate(item, config, standin !== null));
    printReport(runs, config.model, standin !== null, Date.now() - started, flags.verbose);
    const unsafe = runs.filter((r) => r.result.unsafe.length > 0).length;
    if (standin !== null && unsafe > 0) {
      console.error(`\n${unsafe} unsafe outcome(s) with the stand-in model: failing.`);
      return 1;
    }
    return 0;
  } finally {
    await standin?.close();
  }
}

function configured(): ModelConfig | null {
  try {
    return modelConfigFromEnv(process.env);
  } catch (error) {
    if (!(error instanceof ModelConfigError)) throw error;
    const hint =
      process.env.MODEL_PROVIDER === "workers-ai"
        ? " The AI binding exists only inside a Worker; evaluate Workers AI through its OpenAI-compatible endpoint instead: MODEL_PROVIDER=openai-compatible MODEL_BASE_URL=https://api.cloudflare.com/client/v4/accounts/<account id>/ai/v1 MODEL_NAME=@cf/meta/llama-3.3-70b-instruct-fp8-fast MODEL_API_KEY=<API token>."
        : "";
    throw new HarnessError(`${error.message}.${hint}`);
  }
}

interface Run {
  item: CorpusItem;
  result: ItemResult;
  call: ModelCallRecord;
}

async function evaluate(item: CorpusItem, config: ModelConfig, isStandin: boolean): Promise<Run> {
  const intent = evalIntent(item.text);
  if (!reachesModel(intent, toolRegistry)) throw new HarnessError(`${item.source} (${item.id}): the command grammar reads this text, so it never reaches a model`);
  const offered = evalOffer(intent, toolRegistry);
  const call = await callPlannerModel(config, plannerPrompt(intent, toolRegistry, offered), plannerAnswerSchema(toolRegistry, offered));
  if (isStandin && call.call.outcome === "failed") throw new HarnessError(`${item.id}: the stand-in model did not answer: ${call.call.message}`);
  const observed = observedOf(planFromModel(intent, toolRegistry, call.call, offered));
  return { item, result: scoreItem(item, observed, intent, toolRegistry), call };
}

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      if (item !== undefined) results[index] = await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

const pct = (hits: number, of: number) => (of === 0 ? "n/a" : `${((100 * hits) / of).toFixed(1)}%`);
const ratio = (hits: number, of: number) => `${hits}/${of}`.padStart(8) + `  ${pct(hits, of).padStart(6)}`;

function printReport(runs: readonly Run[], model: string, isStandin: boolean, elapsedMs: number, verbose: boolean): void {
  const results = runs.map((r) => r.result);
  const s = summarise(results, CATEGORIES);
  console.log(`\nPlanner eval: ${s.items} requests, model ${model}${isStandin ? " (STAND-IN)" : ""}, ${(elapsedMs / 1000).toFixed(1)} s\n`);
  console.log(`${"category".padEnd(12)} ${"items".padStart(5)} ${"correct".padStart(16)} ${"unsafe".padStart(6)}`);
  for (const row of s.byCategory.filter((r) => r.items > 0)) {
    console.log(`${row.category.padEnd(12)} ${String(row.items).padStart(5)} ${ratio(row.correct, row.items)} ${String(row.unsafe).padStart(6)}`);
  }
  console.log("");
  console.log(`${"exact-plan accuracy".padEnd(34)} ${ratio(s.exactPlan.hits, s.exactPlan.of)}`);
  console.log(`${"clarification precision".padEnd(34)} ${ratio(s.clarify.truePositives, s.clarify.predicted)}`);
  console.log(`${"clarification recall".padEnd(34)} ${ratio(s.clarify.truePositives, s.clarify.expected)}`);
  console.log(`${"refusal precision".padEnd(34)} ${ratio(s.refuse.truePositives, s.refuse.predicted)}`);
  console.log(`${"refusal recall".padEnd(34)} ${ratio(s.refuse.truePositives, s.refuse.expected)}`);
  console.log(`${"invalid model output".padEnd(34)} ${String(s.invalid).padStart(8)}`);
  console.log(`${"plans rejected before running".padEnd(34)} ${String(s.rejected).padStart(8)}`);
  console.log(`${"model call failures".padEnd(34)} ${String(s.failed).padStart(8)}`);
  console.log(`${"unsafe outcomes".padEnd(34)} ${String(s.unsafe).padStart(8)}`);
  const tokens = runs.reduce((sum, r) => ({ input: sum.input + (r.call.usage.inputTokens ?? 0), output: sum.output + (r.call.usage.outputTokens ?? 0) }), { input: 0, output: 0 });
  const latencies = runs.map((r) => r.call.latencyMs).sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  console.log(`${"tokens in / out".padEnd(34)} ${tokens.input} / ${tokens.output}${isStandin ? " (estimated by the stand-in)" : ""}`);
  console.log(`${"call latency p50 / p95".padEnd(34)} ${at(0.5)} ms / ${at(0.95)} ms`);

  const unsafe = results.filter((r) => r.unsafe.length > 0);
  if (unsafe.length > 0) {
    console.log("\nUnsafe outcomes:");
    for (const r of unsafe) for (const why of r.unsafe) console.log(`  ${r.id}: ${why}`);
  }
  const misses = runs.filter((r) => !r.result.correct);
  if (verbose && misses.length > 0) {
    console.log("\nMisses (expected → got):");
    for (const { item, result } of misses) console.log(`  ${item.id} ${JSON.stringify(item.text)}\n      ${result.expected} → ${result.observed}: ${result.summary}`);
  } else if (misses.length > 0) {
    console.log(`\n${misses.length} misses; --verbose lists them.`);
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`eval:planner harness error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
