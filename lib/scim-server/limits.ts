// Request limits, advertised in /ServiceProviderConfig and listed in the README; three come from settings.
import type { ServiceLimits } from "@/lib/scim/discovery";
import { MAX_FILTER_LENGTH } from "@/lib/scim/filter/parse-filter";
import { MAX_PATCH_OPERATIONS } from "@/lib/scim/patch/parse-patch-request";
import { MAX_MEMBERS_PER_REQUEST } from "@/lib/scim/patch/plan-group-patch";
import { settings } from "@/lib/settings";

export interface ScimLimits extends ServiceLimits {
  defaultCount: number;
}

export function scimLimits(): ScimLimits {
  const { maxResults, defaultCount, maxPayloadBytes } = settings().scim;
  return {
    maxResults,
    defaultCount,
    maxPayloadBytes,
    maxOperations: MAX_PATCH_OPERATIONS,
    maxMembersPerRequest: MAX_MEMBERS_PER_REQUEST,
    maxFilterLength: MAX_FILTER_LENGTH,
  };
}
