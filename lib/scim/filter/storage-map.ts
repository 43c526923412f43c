// Where a resource type's attributes are stored, as the filter planner (plan-filter-sql.ts) needs to
// know it: which attributes have a column of their own (and so an index), which multi-valued ones a
// table of their own, and which JSON columns hold the rest. The protocol floor only defines the
// shape; the storage layer that owns the tables provides the map (lib/provisioning/attribute-storage.ts).

/** A column of the resource's row or of an element table. */
export interface ColumnStorage {
  column: string;
  /** The column may be NULL; a NULL never matches and is "not present". */
  nullable?: boolean;
  /** The column holds the JS-lower-cased value, so it is compared without lower() (its index stays usable). */
  lowerCased?: boolean;
}

/** A multi-valued attribute kept in a table of its own, one row per element. */
export interface ElementTableStorage {
  table: string;
  /** The column holding the owning resource's id. */
  owner: string;
  /** Sub-attributes the table serves: a column, or a constant that is the same for every element. */
  subAttributes: Record<string, ColumnStorage | { constant: string }>;
  /** "Primary, else first" (RFC 7644 §3.4.2.3), used when sorting by the attribute. */
  order: { column: string; descending?: boolean }[];
  /** The elements are also in the resource JSON, which serves the sub-attributes the table lacks. */
  alsoInResource?: boolean;
}

export interface ResourceStorage {
  /** The resource's id column (element tables refer to it through their `owner` column). */
  idColumn: string;
  /** The tenant column, on the resource's table and on every element table. */
  scopeColumn: string;
  /** Single-valued core attributes with a column of their own, by path: "userName", "meta.created". */
  columns: Record<string, ColumnStorage>;
  /** The JSON column holding the resource as received: everything not in a column, extensions under their URN. */
  resource: string;
  /** profileField_<name> values keyed by <name>, and the column naming the URN they arrived under. */
  profileFields?: { column: string; schemaColumn: string };
  /** Multi-valued attributes with a table of their own, by attribute name. */
  elementTables: Record<string, ElementTableStorage>;
}
