import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackRequest {
  method: string;
  /** The path and query, as sent. */
  url: string;
  body: string;
}

/** A JSON answer, or plain text; 200 unless `status` says otherwise. */
export type LoopbackAnswer = { status?: number; json: unknown } | { status?: number; text: string };

export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  /** 0 (the default): any free port. */
  port?: number;
  /**
   * Node closes a keep-alive connection idle for 5 s by default; workerd may send its next call on it as it closes
   * and see "Network connection lost" for a request that arrived, then retry it. A load run raises this.
   */
  keepAliveTimeoutMs?: number;
}

/**
 * The HTTP server behind the local stand-ins of the providers' APIs (demos, benches, the CLI and browser tests, the
 * eval's model): on 127.0.0.1, each request's body read whole and answered with what `answer` returns for it; an
 * `answer` that throws is a 500 naming the error. `close` drops open connections first, so it never waits on keep-alive.
 */
export async function serveLoopback(answer: (request: LoopbackRequest) => LoopbackAnswer, options: LoopbackOptions = {}): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let reply: LoopbackAnswer;
      try {
        reply = answer({ method: req.method ?? "", url: req.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
      } catch (error) {
        reply = { status: 500, json: { error: { message: `the stand-in failed: ${error instanceof Error ? error.message : String(error)}` } } };
      }
      if ("text" in reply) {
        res.writeHead(reply.status ?? 200, { "content-type": "text/plain" });
        res.end(reply.text);
      } else {
        res.writeHead(reply.status ?? 200, { "content-type": "application/json" });
        res.end(JSON.stringify(reply.json));
      }
    });
  });
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
