import { describe, expect, it } from "vitest";
import { readBoundedBody } from "../../runtime/http/body.ts";

function streamOf(chunks: number[]) {
  const state = { pulled: 0 };
  const queue = [...chunks];
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = queue.shift();
      if (size === undefined) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(size).fill(1));
    },
  });
  return { stream, state };
}

describe("readBoundedBody", () => {
  it("returns every byte of a body up to the limit", async () => {
    const { stream } = streamOf([3, 4, 3]);
    const result = await readBoundedBody(new Request("http://x/", { method: "POST", body: stream }), 10);
    expect(result.ok && result.bytes.byteLength).toBe(10);
  });

  it("stops at the first chunk that crosses the limit", async () => {
    const { stream, state } = streamOf([4, 4, 4, 4, 4, 4]);
    const result = await readBoundedBody(new Request("http://x/", { method: "POST", body: stream }), 10);
    expect(result).toEqual({ ok: false, reason: "too_large" });
    expect(state.pulled).toBeLessThanOrEqual(4);
  });

  it("refuses by the declared length alone, and ignores a length that is not a number", async () => {
    const declared = new Request("http://x/", { method: "POST", body: "hi", headers: { "content-length": "11" } });
    expect(await readBoundedBody(declared, 10)).toEqual({ ok: false, reason: "too_large" });
    const { stream } = streamOf([2]);
    const odd = new Request("http://x/", { method: "POST", body: stream, headers: { "x-note": "no length" } });
    expect((await readBoundedBody(odd, 10)).ok).toBe(true);
  });

  it("reads an absent body as empty", async () => {
    const result = await readBoundedBody(new Request("http://x/", { method: "POST" }), 10);
    expect(result.ok && result.bytes.byteLength).toBe(0);
  });
});
