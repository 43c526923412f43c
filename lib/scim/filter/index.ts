// The SCIM filter module (RFC 7644 §3.4.2.2): parse, evaluate in memory, compile to SQL over a storage map.
export type { AttributePath, CompareOperator, Filter, FilterValue } from "./ast";
export { parseFilter, parseAttributePath, MAX_FILTER_LENGTH, MAX_FILTER_DEPTH, type ErrorFactory } from "./parse-filter";
export { evaluateFilter, evaluateElementFilter } from "./evaluate-filter";
export {
  compileFilterSql,
  compileSortSql,
  sortDirectionSql,
  sqlEmitter,
  type CompileFilterOptions,
  type CompileSqlOptions,
  type Placeholders,
  type SqlDialect,
  type SortOrder,
} from "./compile-filter-sql";
export type { ColumnStorage, ElementTableStorage, ResourceStorage } from "./storage-map";
