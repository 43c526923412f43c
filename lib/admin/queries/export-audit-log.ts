// The audit log's CSV export: the rows a filter selects, oldest page last, streamed a page at a time so
// a year of history never sits in memory at once.
import { auditCsvHeader, auditCsvLine } from "@/lib/audit/audit-csv";
import { MAX_PAGE_SIZE } from "./keyset";
import { listAuditLog, type AuditFilter } from "./list-audit-log";

export interface ExportAuditLogOptions {
  filter: AuditFilter;
}

export function exportAuditLog({ filter }: ExportAuditLogOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(auditCsvHeader()));
      }
      const page = await listAuditLog({ filter, page: { after: cursor, pageSize: MAX_PAGE_SIZE }, withValues: true });
      if (page.items.length) controller.enqueue(encoder.encode(page.items.map(auditCsvLine).join("")));
      if (!page.nextCursor) controller.close();
      else cursor = page.nextCursor;
    },
  });
}
