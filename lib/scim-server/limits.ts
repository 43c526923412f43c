// Request limits, advertised in /ServiceProviderConfig and listed in the README. Env overrides them.
import type { ServiceLimits } from "@/lib/scim/discovery";
import { MAX_FILTER_LENGTH } from "@/lib/scim/filter/parse-filter";
import { MAX_PATCH_OPERATIONS } from "@/lib/scim/patch/parse-patch-request";
import { MAX_MEMBERS_PER_REQUEST } from "@/lib/scim/patch/plan-group-patch";
import { envInt } from "@/lib/env";

export interface ScimLimits extends ServiceLimits {
  defaultCount: number;
}

export function scimLimits(): ScimLimits {
  return {
    maxResults: envInt("ROSTER_SCIM_MAX_RESULTS", 1000, 1, 10_000),
    defaultCount: envInt("ROSTER_SCIM_DEFAULT_COUNT", 100, 1, 10_000),
    maxPayloadBytes: envInt("ROSTER_SCIM_MAX_PAYLOAD_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxOperations: MAX_PATCH_OPERATIONS,
    maxMembersPerRequest: MAX_MEMBERS_PER_REQUEST,
    maxFilterLength: MAX_FILTER_LENGTH,
  };
}
