/** A post-sign-in destination that stays on this site (a path, never another origin). */
export function safeCallbackPath(raw: string | string[] | undefined, fallback = "/admin/directories"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return fallback;
  let path = value;
  try {
    // next-auth hands back absolute URLs; keep only their path.
    if (/^https?:\/\//i.test(value)) {
      const u = new URL(value);
      path = `${u.pathname}${u.search}`;
    }
  } catch {
    return fallback;
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  if (path.startsWith("/signin") || path.startsWith("/setup") || path.startsWith("/api/")) return fallback;
  return path;
}
