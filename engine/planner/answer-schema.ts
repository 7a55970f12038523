import { type JsonSchema, toJsonSchema } from "../../contracts/json-schema.ts";
import type { ToolRegistry } from "../../contracts/tools/index.ts";

const STEP_KEY_PATTERN = "^[a-z][a-z0-9_-]{0,62}$";
const REF_PATTERN = "^[a-z][a-z0-9_-]*(\\.[A-Za-z0-9_]+)*$";
/** A reference to an earlier step's output (contracts/plan.ts StepOutputRef), allowed wherever a value is. */
const STEP_REF: JsonSchema = {
  type: "object",
  properties: { $ref: { type: "string", pattern: REF_PATTERN, description: "`<stepKey>.<output path>` of an earlier step" } },
  required: ["$ref"],
  additionalProperties: false,
};

/**
 * The one shape a model may answer in, generated from the registry the plan will compile against (built-ins
 * and the tenant's skills, from their contracts): `plan` with steps over exactly these tools, each input that
 * tool's input schema (any top-level value may instead reference an earlier step's output), `clarify` with one
 * question, or `refuse` with a reason. The same document constrains the model's decoding and validates its
 * answer (engine/planner/read-answer.ts), so what is asked for and what is accepted cannot drift apart.
 * `offered` (engine/planner/offered-tools.ts) narrows the tools to those this requester could be allowed;
 * absent, every tool of the registry is in it.
 */
export function plannerAnswerSchema(registry: ToolRegistry, offered?: readonly string[]): JsonSchema {
  const offer = offered === undefined ? null : new Set(offered);
  const stepSchemas = latestTools(registry).filter((tool) => offer === null || offer.has(tool.key)).map((tool): JsonSchema => ({
    type: "object",
    description: `${tool.key} (risk ${tool.risk}): ${tool.description}`,
    properties: {
      key: { type: "string", pattern: STEP_KEY_PATTERN, description: "unique within the plan" },
      tool: { const: tool.key },
      input: withReferences(toJsonSchema(tool.input, "input")),
      after: { type: "array", items: { type: "string", pattern: STEP_KEY_PATTERN }, description: "keys of steps that must succeed first" },
    },
    required: ["key", "tool", "input", "after"],
    additionalProperties: false,
  }));
  const plan: JsonSchema = {
    type: "object",
    properties: { kind: { const: "plan" }, steps: { type: "array", minItems: 1, maxItems: 20, items: { anyOf: stepSchemas } } },
    required: ["kind", "steps"],
    additionalProperties: false,
  };
  // `anyOf` (the branches exclude each other by `kind`): more providers' structured output accept it than `oneOf`.
  // With no tool offered there is no plan to answer (and an empty `anyOf` is no schema): clarify or refuse.
  return {
    type: "object",
    anyOf: [
      ...(stepSchemas.length === 0 ? [] : [plan]),
      {
        type: "object",
        properties: { kind: { const: "clarify" }, question: { type: "string", minLength: 1, maxLength: 500 } },
        required: ["kind", "question"],
        additionalProperties: false,
      },
      {
        type: "object",
        properties: { kind: { const: "refuse" }, reason: { type: "string", minLength: 1, maxLength: 500 } },
        required: ["kind", "reason"],
        additionalProperties: false,
      },
    ],
  };
}

/** The latest version of each tool: what an unpinned `tool` key resolves to at compile time. */
export function latestTools(registry: ToolRegistry) {
  const keys = [...new Set(registry.list().map((t) => t.key))];
  return keys.flatMap((key) => {
    const tool = registry.latest(key);
    return tool === undefined ? [] : [tool];
  });
}

function withReferences(input: JsonSchema): JsonSchema {
  const properties = input.properties;
  if (typeof properties !== "object" || properties === null) return input;
  const referenced = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, { anyOf: [schema, STEP_REF] }]));
  return { ...input, properties: referenced };
}
