export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; size: number };

/**
 * Reads a body up to `limit` bytes and stops there, so a hostile or broken server cannot make us buffer
 * an unbounded answer. A Content-Length over the limit is refused before reading anything.
 */
export async function readCapped(response: Response, limit: number): Promise<CappedBody> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return { ok: false, size: declared };
  }
  if (response.body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, size };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
