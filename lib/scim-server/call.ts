// One SCIM request as the endpoint handlers see it: already authenticated and scoped to a directory.
import type { ActivityNote } from "@/lib/http/handle-machine-request";
import type { ProvisioningContext } from "@/lib/provisioning/context";
import type { ScimLimits } from "./limits";

export interface ScimCall {
  request: Request;
  method: string;
  url: URL;
  /** Path segments after the resource endpoint, e.g. ["<id>"] or [".search"]. */
  rest: string[];
  ctx: ProvisioningContext;
  limits: ScimLimits;
  /** Filled in by handlers for the activity log. */
  note: ActivityNote;
  readBody(): Promise<unknown>;
}
