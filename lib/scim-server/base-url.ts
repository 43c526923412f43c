// The public base of the SCIM API, for meta.location, Location headers and $ref values.
import { connectionEndpoints, publicOrigin } from "@/lib/http/public-origin";

export function scimBaseUrl(request: Request): string {
  return connectionEndpoints(publicOrigin(request)).tenantUrl;
}
