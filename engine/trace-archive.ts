import type { TraceEvent } from "../contracts/common/trace.ts";
import { canonical } from "./canonical.ts";
import { sha256Hex } from "./hash.ts";
import { verifyChain } from "./trace.ts";

export const ARCHIVE_FORMAT = "controlPlane.executionArchive/1";

/** One link of the archived chain with the full payload it hashed and whether the machine emitted it. */
export interface ArchivedLink {
  event: TraceEvent;
  payload: unknown;
  fromMachine: boolean;
}

/**
 * Everything an ExecutionDO held, as one document: its named documents (identity with the intent, plan,
 * policy pin, machine state, gates…) as stored, the machine's input log (tool outcomes as recorded), and
 * the whole chain with payloads. Replay and verification need nothing else.
 */
export interface ExecutionArchive {
  format: typeof ARCHIVE_FORMAT;
  tenantId: string;
  executionId: string;
  traceId: string;
  head: { seq: number; hash: string };
  documents: Record<string, unknown>;
  inputs: { now: string; input: unknown }[];
  links: ArchivedLink[];
}

/** Where an archive lives, and what the execution index keeps to check it. */
export interface ArchiveRef {
  key: string;
  digest: string;
  head: { seq: number; hash: string };
}

export function archiveKey(tenantId: string, digest: string): string {
  return `archives/${tenantId}/${digest}.json`;
}

/** The digest an archive key names; undefined for a key that is not an archive key. */
export function digestOfArchiveKey(key: string): string | undefined {
  return /^archives\/[^/]+\/([0-9a-f]{64})\.json$/.exec(key)?.[1];
}

/**
 * The archive's stored bytes (canonical JSON, so the same record always seals to the same object) and its
 * address: the SHA-256 of those bytes. Re-archiving an execution after a crash writes the same key.
 */
export function sealArchive(archive: ExecutionArchive): { body: string; ref: ArchiveRef } {
  const body = canonical(archive);
  const digest = sha256Hex(body);
  return { body, ref: { key: archiveKey(archive.tenantId, digest), digest, head: archive.head } };
}

export type ArchiveProblem = "ARCHIVE_MISSING" | "ARCHIVE_DIGEST_MISMATCH" | "TRACE_CHAIN_BROKEN";
export type OpenedArchive =
  | { ok: true; archive: ExecutionArchive }
  | { ok: false; code: ArchiveProblem; detail: string; brokenAt?: number };

/**
 * Reads an archive's bytes back and checks them against what the index recorded: the bytes hash to the
 * digest its key names, it is the expected execution's, and its chain verifies from seq 0 to the recorded head.
 */
export function openArchive(body: string | null, expected: { tenantId: string; executionId: string; ref: ArchiveRef }): OpenedArchive {
  if (body === null) return { ok: false, code: "ARCHIVE_MISSING", detail: `no archive at ${expected.ref.key}` };
  if (sha256Hex(body) !== expected.ref.digest) return { ok: false, code: "ARCHIVE_DIGEST_MISMATCH", detail: "the archive's bytes do not hash to the digest the index recorded" };
  let archive: ExecutionArchive;
  try {
    archive = JSON.parse(body) as ExecutionArchive;
  } catch {
    return { ok: false, code: "ARCHIVE_DIGEST_MISMATCH", detail: "the archive is not JSON" };
  }
  if (archive.format !== ARCHIVE_FORMAT || archive.tenantId !== expected.tenantId || archive.executionId !== expected.executionId || !Array.isArray(archive.links)) {
    return { ok: false, code: "ARCHIVE_DIGEST_MISMATCH", detail: "the archive is not this execution's" };
  }
  const chain = verifyChain(
    archive.links.map((l) => l.event),
    { expectedHead: expected.ref.head },
  );
  if (!chain.ok) return { ok: false, code: "TRACE_CHAIN_BROKEN", detail: chain.reason, brokenAt: chain.brokenAt };
  return { ok: true, archive };
}
