// The grouping key of an error answer: its detail with what differs between occurrences (ids, names,
// addresses, numbers, quoted values) stripped, so "userName 'ada@x.com' already exists" and
// "userName 'bob@x.com' already exists" are one reason counted twice.

const MAX_REASON = 200;

const PATTERNS: [RegExp, string][] = [
  // Quoted values first: they hold names, filters and ids alike.
  [/"[^"]*"/g, '"…"'],
  [/'[^']*'/g, "'…'"],
  [/“[^”]*”/g, "“…”"],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "…"],
  [/[^\s@"'<>()]+@[^\s@"'<>()]+\.[^\s@"'<>()]+/g, "…"],
  // Long hex strings and words mixing letters and digits: generated ids (ETags, request ids, tokens).
  [/\b[0-9a-f]{16,}\b/gi, "…"],
  [/\b(?=[A-Za-z_]*\d)(?=\d*[A-Za-z_])\w{12,}\b/g, "…"],
  [/\b\d+(\.\d+)?\b/g, "N"],
];

export function errorReason(detail: string | null | undefined): string {
  if (!detail) return "";
  let reason = detail;
  for (const [pattern, replacement] of PATTERNS) reason = reason.replace(pattern, replacement);
  reason = reason.replace(/\s+/g, " ").trim();
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason;
}
