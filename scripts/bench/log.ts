// Progress goes to stderr, so stdout carries only the result tables (and JSON when asked for).
const started = Date.now();

export function log(message: string) {
  const s = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}
