/**
 * The one logger: each line is an object (level, msg and fields), never a JSON string, so Workers Logs,
 * `wrangler tail --format json` and OTLP export keep the fields as fields.
 */
export type LogFields = Record<string, unknown>;

export const log = {
  info: (msg: string, fields: LogFields = {}): void => console.log({ level: "info", msg, ...fields }),
  warn: (msg: string, fields: LogFields = {}): void => console.warn({ level: "warn", msg, ...fields }),
  error: (msg: string, fields: LogFields = {}): void => console.error({ level: "error", msg, ...fields }),
};
