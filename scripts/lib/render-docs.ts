import type { AnyContract, CapabilityContract, EventContract, OperationContract } from "../../contracts/define.ts";
import { contractSchemas } from "../../contracts/json-schema.ts";
import { operationErrors } from "../../contracts/operation-errors.ts";
import type { ContractRegistry } from "../../contracts/registry.ts";
import { renderSnapshot, snapshotFileName, snapshotOf } from "./contract-snapshot.ts";
import { pagePath, relativeLink, SCHEMAS_DIR } from "./docs-paths.ts";
import { code, jsonBlock, table } from "./markdown.ts";

const banner = "<!-- Generated from contracts/ by `npm run docs`. Do not edit: `npm test` fails on drift. -->";

/**
 * Every file of the generated docs, keyed by path relative to the docs root, in sorted order. Pure and
 * deterministic (no clock, no environment), so the committed files can be compared byte for byte.
 */
export function renderDocs(registry: ContractRegistry): Map<string, string> {
  const files = new Map<string, string>();
  files.set("index.md", renderIndex(registry));
  for (const contract of registry.all()) {
    files.set(pagePath(registry, contract), renderPage(registry, contract));
    files.set(`${SCHEMAS_DIR}/${snapshotFileName(contract.meta.key, contract.meta.version)}`, renderSnapshot(snapshotOf(contract)));
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function renderIndex(registry: ContractRegistry): string {
  const link = (c: AnyContract) => `[${c.meta.key}](${pagePath(registry, c)})`;
  const section = (title: string, headers: string[], rows: string[][]) => [`## ${title}`, "", table(headers, rows), ""];
  const operationRows = (kind: "command" | "query") =>
    registry
      .operations()
      .filter((op) => op.kind === kind)
      .map((op) => [link(op), op.meta.version, op.meta.stability, code(`${op.http.method} ${op.http.path}`), op.capability, op.meta.description]);
  const operationHeaders = ["contract", "version", "stability", "binding", "capability", "description"];
  return [
    banner,
    "",
    "# Control Plane contracts",
    "",
    "Every command, query, event and capability of the Control Plane registry. Operations are served at their HTTP " +
      "binding under `Authorization: Bearer <api key>` and listed in `GET /v1/openapi.json`; errors are " +
      "`application/problem+json`. Machine-readable snapshots of each contract, used by `npm run contracts:impact`, " +
      `are in \`${SCHEMAS_DIR}/\`.`,
    "",
    ...section("Commands", operationHeaders, operationRows("command")),
    ...section("Queries", operationHeaders, operationRows("query")),
    ...section(
      "Events",
      ["contract", "version", "stability", "description"],
      registry.events().map((e) => [link(e), e.meta.version, e.meta.stability, e.meta.description]),
    ),
    ...section(
      "Capabilities",
      ["contract", "version", "stability", "required by", "description"],
      registry
        .capabilities()
        .map((c) => [link(c), c.meta.version, c.meta.stability, `${registry.requirers(c.meta.key).length} operations`, c.meta.description]),
    ),
  ]
    .join("\n")
    .replace(/\n+$/, "\n");
}

function renderPage(registry: ContractRegistry, contract: AnyContract): string {
  const path = pagePath(registry, contract);
  const linkTo = (target: AnyContract) => `[${target.meta.key}](${relativeLink(path, pagePath(registry, target))})`;
  const m = contract.meta;
  const facts: string[][] = [
    ["kind", contract.kind],
    ["version", m.version],
    ["stability", m.stability],
    ["owners", m.owners.join(", ")],
    ["tags", m.tags.join(", ")],
  ];
  if (isOperation(contract)) {
    const capability = registry.getCapability(contract.capability);
    facts.push(
      ["HTTP", code(`${contract.http.method} ${contract.http.path}`)],
      ["success status", String(contract.http.successStatus ?? 200)],
      ["auth", contract.auth === "bootstrap-token" ? "bootstrap token (`ADMIN_BOOTSTRAP_TOKEN`)" : "API key (Bearer)"],
      ["capability", capability ? linkTo(capability) : code(contract.capability)],
    );
  }
  facts.push(["schema", `[${SCHEMAS_DIR}/${snapshotFileName(m.key, m.version)}](${relativeLink(path, `${SCHEMAS_DIR}/${snapshotFileName(m.key, m.version)}`)})`]);

  const lines = [banner, "", `# ${m.key}`, "", m.description, "", table(["", ""], facts), "", "## Goal", "", m.goal, "", "## Context", "", m.context, ""];
  switch (contract.kind) {
    case "command":
    case "query":
      lines.push(...operationSections(registry, contract, linkTo));
      break;
    case "event":
      lines.push(...eventSections(registry, contract, linkTo));
      break;
    case "capability":
      lines.push(...capabilitySections(registry, contract, linkTo));
      break;
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

type LinkTo = (target: AnyContract) => string;

function operationSections(registry: ContractRegistry, op: OperationContract, linkTo: LinkTo): string[] {
  const schemas = contractSchemas(op);
  const declared = new Set(op.errors.map((e) => e.code));
  const errors = operationErrors(op).map((e) => [code(e.code), String(e.status), e.when, declared.has(e.code) ? "declared" : "common"]);
  const events = op.emits.map((key) => {
    const event = registry.getEvent(key);
    return `- ${event ? linkTo(event) : code(key)}`;
  });
  return [
    "## Input",
    "",
    "Path parameters, plus the JSON body (or the query string for GET), merged into one object.",
    "",
    jsonBlock(schemas.input),
    "",
    "## Output",
    "",
    jsonBlock(schemas.output),
    "",
    "## Errors",
    "",
    "Answered as `application/problem+json` with the code in `code`.",
    "",
    table(["code", "status", "when", "source"], errors),
    "",
    "## Events",
    "",
    ...(events.length > 0 ? events : ["Emits no event."]),
  ];
}

function eventSections(registry: ContractRegistry, event: EventContract, linkTo: LinkTo): string[] {
  const emitters = registry.emitters(event.meta.key).map((op) => `- ${linkTo(op)}`);
  return [
    "## Payload",
    "",
    jsonBlock(contractSchemas(event).payload),
    "",
    "## Emitted by",
    "",
    ...(emitters.length > 0 ? emitters : ["No operation emits it directly; the runtime does (executor, channels or approval gate)."]),
  ];
}

function capabilitySections(registry: ContractRegistry, capability: CapabilityContract, linkTo: LinkTo): string[] {
  const requirers = registry.requirers(capability.meta.key).map((op) => `- ${linkTo(op)} (${code(`${op.http.method} ${op.http.path}`)})`);
  return ["## Required by", "", ...(requirers.length > 0 ? requirers : ["No operator API contract requires it."])];
}

function isOperation(contract: AnyContract): contract is OperationContract {
  return contract.kind === "command" || contract.kind === "query";
}
