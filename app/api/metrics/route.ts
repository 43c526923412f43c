// Prometheus metrics; see lib/metrics/handle-metrics-request.ts.
import { handleMetricsRequest } from "@/lib/metrics/handle-metrics-request";

export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleMetricsRequest(request);
