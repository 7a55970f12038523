import type { Command } from "commander";
import { type ApiFlags, connect, withApiOptions } from "../api/session.ts";
import { CliExit, EXIT } from "../exit.ts";
import { traceTable, verifyReport } from "../format/trace.ts";
import { printJson, writeTextFile } from "../io.ts";
import { fetchTrace } from "../trace/fetch.ts";
import { verifyLocally } from "../trace/verify.ts";

/** `cplane trace …`: the hash-chained record of an execution. */
export function registerTrace(root: Command): void {
  const trace = root.command("trace").description("Read, verify and export hash-chained traces");

  withApiOptions(
    trace
      .command("get")
      .description("Show a trace's events and the server's chain verdict (GET /v1/traces/{traceId})")
      .argument("<traceId>")
      .option("--payloads", "include each event's stored payload (with --json)"),
  ).action(async (traceId: string, options: ApiFlags & { payloads?: boolean }) => {
    const session = await connect(options);
    const full = await fetchTrace(session, traceId, options.payloads === true);
    if (session.json) return printJson(full);
    process.stdout.write(`${traceTable(full)}\n`);
  });

  withApiOptions(
    trace
      .command("verify")
      .description("Recompute the hash chain here and compare with the server's verdict; exit 1 when either finds a break")
      .argument("<traceId>"),
  ).action(async (traceId: string, options: ApiFlags) => {
    const session = await connect(options);
    const full = await fetchTrace(session, traceId, false);
    const local = verifyLocally(full.events);
    const valid = local.ok && full.chain.valid;
    if (session.json) printJson({ traceId: full.traceId, events: full.events.length, valid, server: full.chain, local });
    else process.stdout.write(`${verifyReport(full, local)}\n`);
    if (!valid) throw new CliExit(EXIT.failed);
  });

  withApiOptions(
    trace
      .command("export")
      .description("Write the whole trace with payloads as one JSON document (stdout, or --out)")
      .argument("<traceId>")
      .option("--out <file>", "write to this file instead of stdout"),
  ).action(async (traceId: string, options: ApiFlags & { out?: string }) => {
    const session = await connect(options);
    const full = await fetchTrace(session, traceId, true);
    const document = { ...full, exportedAt: new Date().toISOString() };
    if (options.out === undefined) return printJson(document);
    await writeTextFile(options.out, `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(`wrote ${full.events.length} events of trace ${full.traceId} to ${options.out}\n`);
  });
}
