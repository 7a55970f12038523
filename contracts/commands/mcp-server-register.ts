import { z } from "zod";
import { McpServerView } from "../common/mcp-server.ts";
import { defineOperation } from "../define.ts";

export const McpServerRegisterInput = z.strictObject({
  url: z.url({ protocol: /^https$/ }).max(2000).describe("The upstream's Streamable HTTP endpoint; its host must be on HTTP_TOOL_ALLOWED_HOSTS"),
  manifest: z.record(z.string(), z.unknown()).describe("The signed upstream tool manifest (contracts/mcp/upstream-manifest.ts), checked by the handler"),
  credential: z
    .strictObject({ type: z.literal("bearer"), token: z.string().min(1).max(4096) })
    .optional()
    .describe("Sent as `Authorization: Bearer` to the upstream; stored encrypted, never returned"),
});
export type McpServerRegisterInput = z.infer<typeof McpServerRegisterInput>;

export const McpServerRegisterOutput = McpServerView;
export type McpServerRegisterOutput = z.infer<typeof McpServerRegisterOutput>;

export const mcpServerRegister = defineOperation({
  kind: "command",
  meta: {
    key: "controlPlane.mcpServer.register",
    version: "1.0.0",
    stability: "beta",
    owners: ["control-plane"],
    tags: ["admin", "mcp"],
    description: "Register an upstream MCP server with a signed manifest pinning its tools' definitions.",
    goal: "Makes another MCP server's tools governed tools of the tenant, only as a trusted publisher signed them.",
    context:
      "The manifest is checked like a skill's (trusted key of the manifest's publisher, Ed25519 signature, key validity " +
      "and revocation, manifest validity window), the URL against the egress allowlist, and the upstream's tools/list " +
      "against the pinned definitions. Registering a name again replaces it only with a newer manifest version. Its tools " +
      "become `mcp.<server>.<tool>` in the tenant's registry.",
  },
  input: McpServerRegisterInput,
  output: McpServerRegisterOutput,
  errors: [
    { code: "MANIFEST_INVALID", status: 422, when: "the manifest does not match the upstream manifest schema (an unsigned one included)" },
    { code: "KEY_UNKNOWN", status: 422, when: "no trusted publisher key has the manifest's key id" },
    { code: "SIGNATURE_INVALID", status: 422, when: "the signature does not verify with the trusted key (a tampered manifest)" },
    { code: "KEY_NOT_YET_VALID", status: 422, when: "the signing key's validity starts later" },
    { code: "KEY_EXPIRED", status: 422, when: "the signing key's validity has ended" },
    { code: "KEY_REVOKED", status: 422, when: "the signing key is revoked" },
    { code: "KEY_NAMESPACE_MISMATCH", status: 422, when: "the key may not sign for the manifest's publisher" },
    { code: "MANIFEST_NOT_YET_VALID", status: 422, when: "the manifest's issuedAt is in the future" },
    { code: "MANIFEST_EXPIRED", status: 422, when: "the manifest's expiresAt has passed" },
    { code: "UPSTREAM_URL_NOT_ALLOWED", status: 422, when: "the URL's host is not on the egress allowlist or is a private address" },
    { code: "UPSTREAM_UNREACHABLE", status: 502, when: "the upstream's tools/list could not be read" },
    { code: "TOOL_DEFINITION_CHANGED", status: 409, when: "the upstream's tools/list does not match the manifest's pinned definitions" },
    { code: "VERSION_NOT_NEWER", status: 409, when: "the server is registered with this or a newer manifest version" },
    { code: "CREDENTIALS_NOT_CONFIGURED", status: 503, when: "a credential was given but CREDENTIALS_KEY is not set" },
  ],
  capability: "control-plane.admin",
  http: { method: "POST", path: "/v1/mcp-servers", successStatus: 201 },
  emits: [],
});
