export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a search param, trimmed and capped in length; undefined when empty. */
export function param(params: SearchParams, name: string, max = 300): string | undefined {
  const raw = params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value.slice(0, max) : undefined;
}
