import { SCHEMA_LIST_RESPONSE } from "@/lib/scim/schema";

/** RFC 7644 §3.4.2: ListResponse with totalResults, itemsPerPage and the 1-based startIndex. */
export function listResponse(totalResults: number, startIndex: number, resources: unknown[]) {
  return {
    schemas: [SCHEMA_LIST_RESPONSE],
    totalResults,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}
