import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";

export interface UpstreamConnection {
  url: string;
  /** Clear text only for the duration of the call; never logged or traced. */
  bearerToken: string | undefined;
  fetch: typeof fetch;
}

export interface UpstreamSession {
  listTools(): Promise<Tool[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
}

/** Connects the official SDK client over Streamable HTTP, runs `work`, and closes the session whatever happens. */
export async function withUpstream<T>(connection: UpstreamConnection, work: (session: UpstreamSession) => Promise<T>): Promise<T> {
  // Ajv (the SDK's default) compiles schemas with `new Function`, which workerd forbids.
  const client = new Client({ name: "control-plane", version: "1.0.0" }, { jsonSchemaValidator: new CfWorkerJsonSchemaValidator() });
  const transport = new StreamableHTTPClientTransport(new URL(connection.url), {
    fetch: connection.fetch,
    ...(connection.bearerToken === undefined ? {} : { requestInit: { headers: { authorization: `Bearer ${connection.bearerToken}` } } }),
  });
  await client.connect(transport);
  try {
    return await work({
      async listTools() {
        const tools: Tool[] = [];
        let cursor: string | undefined;
        do {
          const page = await client.listTools(cursor === undefined ? {} : { cursor });
          tools.push(...page.tools);
          cursor = page.nextCursor;
        } while (cursor !== undefined && tools.length < 1000);
        return tools;
      },
      async callTool(name, args) {
        return (await client.callTool({ name, arguments: args })) as CallToolResult;
      },
    });
  } finally {
    await client.close().catch(() => undefined);
  }
}
