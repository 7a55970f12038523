import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { test } from "node:test";
import { serveLoopback } from "../../scripts/lib/loopback-server.ts";

test("answers each request with what the handler returns for its method, URL and whole body", async () => {
  const server = await serveLoopback(({ method, url, body }) => (url.startsWith("/text") ? { text: `${method} ${body}` } : { status: 201, json: { method, url, body } }));
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const json = await fetch(`${server.url}/repos/a/b?x=1`, { method: "POST", body: "x".repeat(100_000) });
    assert.equal(json.status, 201);
    assert.equal(json.headers.get("content-type"), "application/json");
    assert.deepEqual(await json.json(), { method: "POST", url: "/repos/a/b?x=1", body: "x".repeat(100_000) });
    const text = await fetch(`${server.url}/text`, { method: "PUT", body: "hi" });
    assert.equal(text.headers.get("content-type"), "text/plain");
    assert.equal(await text.text(), "PUT hi");
  } finally {
    await server.close();
  }
});

test("a handler that throws is a 500 naming the error, and the server keeps serving", async () => {
  const server = await serveLoopback(({ body }) => ({ json: JSON.parse(body) as unknown }));
  try {
    const failed = await fetch(server.url, { method: "POST", body: "not json" });
    assert.equal(failed.status, 500);
    assert.match(((await failed.json()) as { error: { message: string } }).error.message, /^the stand-in failed: /);
    assert.deepEqual(await (await fetch(server.url, { method: "POST", body: "[1]" })).json(), [1]);
  } finally {
    await server.close();
  }
});

test("close does not wait for an idle keep-alive connection, however long the keep-alive", async () => {
  const server = await serveLoopback(() => ({ json: {} }), { keepAliveTimeoutMs: 120_000 });
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    request(server.url, { agent }, (res) => {
      res.resume();
      res.on("end", resolve);
    })
      .on("error", reject)
      .end();
  });
  const started = performance.now();
  await server.close();
  assert.ok(performance.now() - started < 1_000);
  agent.destroy();
});
