import { Problem } from "./common/problem.ts";
import type { OperationContract } from "./define.ts";
import { type JsonSchema, toJsonSchema } from "./json-schema.ts";
import { errorsByStatus, operationErrors } from "./operation-errors.ts";
import { type ContractRegistry, pathParams } from "./registry.ts";

export interface OpenApiOptions {
  title?: string;
  /** Version of the API document; the contracts carry their own versions in `x-contract-version`. */
  version?: string;
  /** Base URL of the deployment, e.g. `PUBLIC_BASE_URL`; omitted means relative to the document. */
  serverUrl?: string;
}

export interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  deprecated?: boolean;
  security: { [scheme: string]: string[] }[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: { "application/json": { schema: JsonSchema } } };
  responses: { [status: string]: { description: string; content: { [mediaType: string]: { schema: JsonSchema } } } };
  "x-capability": string;
  "x-contract-key": string;
  "x-contract-version": string;
  "x-stability": string;
  "x-emits": string[];
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers?: { url: string }[];
  tags: { name: string }[];
  paths: { [path: string]: { [method: string]: OpenApiOperation } };
  components: {
    securitySchemes: { [name: string]: { type: "http"; scheme: "bearer"; description: string } };
    schemas: { [name: string]: JsonSchema };
  };
}

const problemRef = { $ref: "#/components/schemas/Problem" };

/** The OpenAPI 3.1 document of every operation in the registry, at its HTTP binding. */
export function buildOpenApi(registry: ContractRegistry, options: OpenApiOptions = {}): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of registry.operations()) {
    const operationId = registry.versions(op.meta.key).length > 1 ? `${op.meta.key}@${op.meta.version}` : op.meta.key;
    const methods = (paths[op.http.path] ??= {});
    methods[op.http.method.toLowerCase()] = operationOf(op, operationId);
  }

  const schemas: OpenApiDocument["components"]["schemas"] = { Problem: toJsonSchema(Problem, "output") };
  for (const event of registry.events()) schemas[event.meta.key] = toJsonSchema(event.payload, "output");

  const tags = [...new Set(registry.operations().flatMap((op) => op.meta.tags))].sort().map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: options.title ?? "Control Plane API",
      version: options.version ?? "1",
      description:
        "Operator API of Control Plane, a governed agent runtime. Every operation is generated from its contract; " +
        "errors are RFC 9457 problem details. Event payload schemas are listed under components.schemas by event key.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags,
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A tenant API key: `Authorization: Bearer <key>`" },
        bootstrapToken: {
          type: "http",
          scheme: "bearer",
          description: "The operator's ADMIN_BOOTSTRAP_TOKEN; accepted only by controlPlane.tenant.bootstrap",
        },
      },
      schemas,
    },
  };
}

function operationOf(op: OperationContract, operationId: string): OpenApiOperation {
  const input = toJsonSchema(op.input, "input");
  const properties = isRecord(input.properties) ? input.properties : {};
  const required = Array.isArray(input.required) ? input.required.filter((r): r is string => typeof r === "string") : [];
  const inPath = pathParams(op.http.path);

  const parameter = (name: string, where: "path" | "query"): OpenApiParameter => {
    const schema = asSchema(properties[name]);
    const description = typeof schema.description === "string" ? schema.description : undefined;
    return { name, in: where, required: where === "path" || required.includes(name), ...(description ? { description } : {}), schema };
  };
  const parameters = inPath.map((name) => parameter(name, "path"));
  const bodyNames = Object.keys(properties).filter((name) => !inPath.includes(name));

  let requestBody: OpenApiOperation["requestBody"];
  if (op.http.method === "GET") {
    parameters.push(...bodyNames.map((name) => parameter(name, "query")));
  } else if (bodyNames.length > 0) {
    const { required: _all, ...rest } = input;
    const bodyRequired = required.filter((name) => !inPath.includes(name));
    const schema: JsonSchema = {
      ...rest,
      properties: Object.fromEntries(bodyNames.map((name) => [name, properties[name]])),
      ...(bodyRequired.length > 0 ? { required: bodyRequired } : {}),
    };
    requestBody = { required: bodyRequired.length > 0, content: { "application/json": { schema } } };
  }

  const responses: OpenApiOperation["responses"] = {
    [String(op.http.successStatus ?? 200)]: {
      description: op.meta.description,
      content: { "application/json": { schema: toJsonSchema(op.output, "output") } },
    },
  };
  for (const [status, errors] of errorsByStatus(operationErrors(op))) {
    responses[String(status)] = {
      description: errors.map((e) => `${e.code}: ${e.when}`).join("; "),
      content: {
        "application/problem+json": {
          schema: { allOf: [problemRef, { properties: { code: { enum: errors.map((e) => e.code) } } }] },
        },
      },
    };
  }

  return {
    operationId,
    summary: op.meta.description,
    description: `${op.meta.goal}\n\n${op.meta.context}`,
    tags: op.meta.tags,
    ...(op.meta.stability === "deprecated" ? { deprecated: true } : {}),
    security: [op.auth === "bootstrap-token" ? { bootstrapToken: [] } : { apiKey: [] }],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    "x-capability": op.capability,
    "x-contract-key": op.meta.key,
    "x-contract-version": op.meta.version,
    "x-stability": op.meta.stability,
    "x-emits": op.emits,
  };
}

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asSchema(value: unknown): JsonSchema {
  return isRecord(value) ? value : {};
}
