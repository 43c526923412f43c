// GET /admin/audit/export?actor=…&action=…&target=…&from=…&to=…: the filtered audit log as CSV (owners only).
import { auditFilterSchema } from "@/lib/admin/queries/list-audit-log";
import { exportAuditLog } from "@/lib/admin/queries/export-audit-log";
import { hasPermission } from "@/lib/auth/permissions";
import { getCurrentAdmin } from "@/lib/auth/require-admin";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const admin = await getCurrentAdmin();
  if (!admin) return Response.json({ error: { code: "unauthenticated", message: "Sign in to export the audit log." } }, { status: 401 });
  if (!hasPermission(admin, "viewAuditLog")) return Response.json({ error: { code: "forbidden", message: "Only owners can export the audit log." } }, { status: 403 });
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(exportAuditLog({ filter }), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="roster-audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
