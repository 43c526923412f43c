// Roster's server log: JSON lines through pino (level, time, msg and fields), one logger per process
// (lib/process-registry.ts). Fields are chosen by the callers, never whole requests: no body, no
// header, no query string (it can carry a token), so no secret reaches the log. Under `npm run dev`
// (NODE_ENV other than production) each line is printed readably instead: "12:00:01 INFO  msg k=v".
import pino, { type Logger } from "pino";
import { processRegistry } from "@/lib/process-registry";
import { settings } from "@/lib/settings";

export function logger(): Logger {
  const registry = processRegistry();
  return (registry.logger ??= createLogger());
}

function createLogger(): Logger {
  const options = { level: settings().log.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (process.env.NODE_ENV === "production") return pino(options, pino.destination({ sync: false }));
  return pino(options, { write: (line: string) => process.stdout.write(readable(line)) });
}

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };

/** One JSON log line as a developer reads it. */
export function readable(line: string): string {
  try {
    const { level, time, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
    const rest = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    return `${String(time).slice(11, 19)} ${LEVELS[level as number] ?? String(level)} ${msg ?? ""}${rest ? ` ${rest}` : ""}\n`;
  } catch {
    return line;
  }
}
