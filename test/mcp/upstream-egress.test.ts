import { describe, expect, it } from "vitest";
import { EgressRefused, egressFetch } from "../../workers/mcp/upstream/egress-fetch.ts";

const config = { allowedHosts: ["mcp.example.com"], allowLoopback: false, maxResponseBytes: 1024 };

function recording(answer: Response = new Response("{}")) {
  const seen: { url: string; redirect: RequestInit["redirect"] }[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input instanceof Request ? input.url : input), redirect: init?.redirect });
    return answer.clone();
  }) as typeof fetch;
  return { seen, fetcher };
}

describe("the upstream MCP client's fetch goes through the egress rules", () => {
  it("sends an allowlisted https request with redirects off", async () => {
    const { seen, fetcher } = recording();
    await egressFetch(config, fetcher)("https://mcp.example.com/mcp", { method: "POST" });
    expect(seen).toEqual([{ url: "https://mcp.example.com/mcp", redirect: "manual" }]);
  });

  it.each([
    ["http://mcp.example.com/mcp", "SCHEME_NOT_ALLOWED"],
    ["https://other.example.com/mcp", "HOST_NOT_ALLOWED"],
    ["https://mcp.example.com:8443/mcp", "HOST_NOT_ALLOWED"],
    ["https://169.254.169.254/latest", "ADDRESS_NOT_ALLOWED"],
    ["https://localhost/mcp", "ADDRESS_NOT_ALLOWED"],
  ])("refuses %s (%s) without sending anything", async (url, code) => {
    const { seen, fetcher } = recording();
    await expect(egressFetch(config, fetcher)(url)).rejects.toMatchObject({ name: "EgressRefused", code });
    expect(seen).toEqual([]);
  });

  it("refuses a redirect from the allowlisted upstream instead of following it (credential stays with the pinned URL)", async () => {
    const { fetcher } = recording(new Response(null, { status: 302, headers: { location: "https://evil.example.net/steal" } }));
    await expect(egressFetch(config, fetcher)("https://mcp.example.com/mcp")).rejects.toBeInstanceOf(EgressRefused);
  });
});
