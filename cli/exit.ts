/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** A check failed or the server refused. */
  failed: 1,
  /** The command was used wrongly: bad flags, unreadable or invalid input files, missing configuration. */
  usage: 2,
  /** The server could not be reached (connection refused, DNS, timeout). */
  unreachable: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Thrown by commands; the message is printed once, to stderr, and the process exits with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Ends a command with a non-zero code after it has printed its own output. */
export class CliExit extends Error {
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode) {
    super(`exit ${exitCode}`);
    this.name = "CliExit";
    this.exitCode = exitCode;
  }
}
