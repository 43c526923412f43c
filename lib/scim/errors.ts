// SCIM errors as values (RFC 7644 §3.12): an HTTP status, an optional scimType and a detail that is
// safe to show to the client. Anything thrown that is not a ScimError becomes a 500 without internals.
import { SCHEMA_ERROR } from "./schema";

export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export class ScimError extends Error {
  readonly status: number;
  readonly scimType?: ScimType;
  readonly headers?: Record<string, string>;

  constructor(status: number, detail: string, scimType?: ScimType, headers?: Record<string, string>) {
    super(detail);
    this.name = "ScimError";
    this.status = status;
    this.scimType = scimType;
    this.headers = headers;
  }

  get detail(): string {
    return this.message;
  }

  toJSON() {
    return scimErrorBody(this.status, this.message, this.scimType);
  }
}

export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
  return {
    schemas: [SCHEMA_ERROR],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}

export const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const invalidPath = (detail: string) => new ScimError(400, detail, "invalidPath");
export const noTarget = (detail: string) => new ScimError(400, detail, "noTarget");
export const mutability = (detail: string) => new ScimError(400, detail, "mutability");
export const uniqueness = (detail: string) => new ScimError(409, detail, "uniqueness");
export const notFound = (detail: string) => new ScimError(404, detail);
export const tooMany = (detail: string) => new ScimError(400, detail, "tooMany");
