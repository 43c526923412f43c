// SCIM responses: application/scim+json (RFC 7644 §3.1), errors in the RFC 7644 §3.12 shape.
import { scimErrorBody, type ScimType } from "@/lib/scim/errors";

export const SCIM_CONTENT_TYPE = "application/scim+json";

export interface ScimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function toResponse(result: ScimResponse): { response: Response; text: string | undefined } {
  const text = result.body === undefined ? undefined : JSON.stringify(result.body);
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  if (text !== undefined) headers["Content-Type"] = SCIM_CONTENT_TYPE;
  headers["Cache-Control"] = "no-store";
  return { response: new Response(result.status === 204 || result.status === 304 ? null : text, { status: result.status, headers }), text };
}

export function errorResult(status: number, detail: string, scimType?: ScimType, headers?: Record<string, string>): ScimResponse {
  return { status, body: scimErrorBody(status, detail, scimType), headers };
}
