// The audit log as CSV for a spreadsheet. Every cell is quoted, and a cell a spreadsheet would run as
// a formula (starting with =, +, -, @, tab or carriage return; OWASP "CSV Injection") gets a leading
// apostrophe, so an admin-chosen name such as `=HYPERLINK(…)` stays text.

export const AUDIT_CSV_COLUMNS = ["time", "actorType", "actorId", "actor", "ip", "action", "targetType", "targetId", "target", "directoryId", "before", "after"] as const;

export interface AuditCsvRow {
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  directoryId: string | null;
  before: unknown;
  after: unknown;
}

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.map(csvCell).join(",")}\r\n`;
}

export function auditCsvLine(r: AuditCsvRow): string {
  const cells = [r.createdAt.toISOString(), r.actorType, r.actorId, r.actorName, r.ip, r.action, r.targetType, r.targetId, r.targetLabel, r.directoryId, r.before, r.after];
  return `${cells.map(csvCell).join(",")}\r\n`;
}
