import type { Directory } from "@/lib/db/generated/sqlite/client";

/** A directory's settings as its audit rows show them before and after a change. */
export function directoryAuditValues(d: Pick<Directory, "name" | "type" | "active" | "deprovisionPolicy">) {
  return { name: d.name, type: d.type, active: d.active, deprovisionPolicy: d.deprovisionPolicy };
}
