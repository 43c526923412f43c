// GET /api/metrics: the process's Prometheus metrics in the text exposition format. Off (404) unless
// ROSTER_METRICS_TOKEN is set; then `Authorization: Bearer <token>` is required, compared in constant
// time. Scrapes are not logged as activity: they are not directory traffic.
import { presentsSecret } from "@/lib/http/bearer-secret";
import { render } from "@/lib/http/machine-errors";
import { settings } from "@/lib/settings";
import { metrics } from "./metrics";

function errorResponse(code: "not_found" | "unauthorized" | "method_not_allowed", message: string, headers: Record<string, string> = {}): Response {
  const failure = render("v1", code, message, headers);
  return new Response(JSON.stringify(failure.body), { status: failure.status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...failure.headers } });
}

export async function handleMetricsRequest(request: Request): Promise<Response> {
  const token = settings().metrics.token;
  if (!token) return errorResponse("not_found", "Metrics are off: set ROSTER_METRICS_TOKEN to serve them");
  if (!presentsSecret(request.headers.get("authorization"), token)) {
    return errorResponse("unauthorized", "Send Authorization: Bearer <ROSTER_METRICS_TOKEN>", { "WWW-Authenticate": 'Bearer realm="roster-metrics"' });
  }
  if (request.method !== "GET") return errorResponse("method_not_allowed", "Use GET", { Allow: "GET" });
  const { registry } = metrics();
  return new Response(await registry.metrics(), { status: 200, headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
