// SCIM responses as values; handleMachineRequest (lib/http/handle-machine-request.ts) sends them as
// application/scim+json (RFC 7644 §3.1), errors in the RFC 7644 §3.12 shape.
import { scimErrorBody, type ScimType } from "@/lib/scim/errors";
import type { MachineResult } from "@/lib/http/handle-machine-request";

export type ScimResponse = MachineResult;

export function errorResult(status: number, detail: string, scimType?: ScimType, headers?: Record<string, string>): ScimResponse {
  return { status, body: scimErrorBody(status, detail, scimType), headers };
}
