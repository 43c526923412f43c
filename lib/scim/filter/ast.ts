// The filter AST (RFC 7644 §3.4.2.2). Produced by parse-filter.ts; consumed by the SQL compiler,
// the in-memory evaluator and the PATCH path parser.

export type CompareOperator = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

/** An attribute path as written: optional schema URN, attribute name, optional sub-attribute. */
export interface AttributePath {
  schema?: string;
  attribute: string;
  subAttribute?: string;
}

export type FilterValue = string | number | boolean | null;

export type Filter =
  | { type: "compare"; op: CompareOperator; path: AttributePath; value: FilterValue }
  | { type: "present"; path: AttributePath }
  | { type: "and"; left: Filter; right: Filter }
  | { type: "or"; left: Filter; right: Filter }
  | { type: "not"; filter: Filter }
  /** `emails[type eq "work" and value co "@x"]`: paths inside `filter` are relative to one element. */
  | { type: "valuePath"; path: AttributePath; filter: Filter };
