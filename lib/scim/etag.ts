// ETags (RFC 7644 §3.14): a resource's version as a weak entity tag, and If-Match / If-None-Match.
import { ScimError } from "./errors";

export function formatEtag(version: number): string {
  return `W/"${version}"`;
}

function tagsOf(header: string): string[] {
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//i, ""))
    .filter(Boolean);
}

function matches(header: string, version: number): boolean {
  const wanted = `"${version}"`;
  return tagsOf(header).some((t) => t === "*" || t === wanted);
}

/** Throws 412 when If-Match is present and names none of the current version (weak comparison). */
export function checkIfMatch(header: string | null | undefined, version: number) {
  if (!header) return;
  if (!matches(header, version)) {
    throw new ScimError(412, `Resource version ${formatEtag(version)} does not match If-Match ${header}`);
  }
}

/** True when If-None-Match names the current version, i.e. the client's copy is current (304). */
export function isNotModified(header: string | null | undefined, version: number): boolean {
  return !!header && matches(header, version);
}
