// Property tests (fast-check): hostile input only ever produces a Filter or a ScimError; printing
// and re-parsing an AST is lossless; and for random valid filters, the in-memory evaluator and the
// SQL compiler over Roster's attribute storage (run on SQLite and PostgreSQL, migrated schema) select exactly the same resources.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScimError } from "@/lib/scim/errors";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from "@/lib/scim/schema";
import type { AttributePath, CompareOperator, Filter, FilterValue } from "@/lib/scim/filter/ast";
import { compileFilterSql } from "@/lib/scim/filter/compile-filter-sql";
import { evaluateFilter } from "@/lib/scim/filter/evaluate-filter";
import { CUSTOM_EXT, FIXTURE_DIRECTORY, GROUP_CASES, USER_CASES, allGroups, allUsers } from "@/lib/scim/filter/filter-test-fixtures";
import { MAX_FILTER_LENGTH, parseFilter } from "@/lib/scim/filter/parse-filter";
import { ATTRIBUTE_STORAGE } from "./attribute-storage";
import { openFixtureDatabase, type FixtureDatabase } from "@/tests/support/filter-test-database";
import { SqlParams } from "@/lib/db/sql";

const RUNS = 2000;
const USERS = allUsers();
const GROUPS = allGroups();

/** Runs fn; a ScimError is an acceptable outcome, anything else fails the property. */
function onlyScimError<T>(fn: () => T): T | ScimError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
}

/** Everything a filter string can go through: parse, compile (both dialects and types), evaluate. */
function exercise(text: string) {
  const filter = onlyScimError(() => parseFilter(text));
  if (filter instanceof ScimError) {
    expect(filter.status).toBe(400);
    expect(filter.scimType).toBe("invalidFilter");
    return;
  }
  for (const resourceType of ["User", "Group"] as const) {
    for (const dialect of ["sqlite", "postgresql"] as const) {
      const options = { resourceType, storage: ATTRIBUTE_STORAGE[resourceType], dialect, alias: "u", params: new SqlParams(dialect) };
      onlyScimError(() => compileFilterSql(filter, options));
    }
    onlyScimError(() => evaluateFilter(filter, resourceType === "User" ? USERS[0] : GROUPS[0], resourceType));
  }
}

// ---------------------------------------------------------------------------------------------
// Printing an AST back to filter text (fully parenthesised, so the tree shape survives)
// ---------------------------------------------------------------------------------------------

function printPath(path: AttributePath): string {
  const name = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema ? `${path.schema}:${name}` : name;
}

function print(filter: Filter): string {
  switch (filter.type) {
    case "and":
    case "or":
      return `(${print(filter.left)} ${filter.type} ${print(filter.right)})`;
    case "not":
      return `not (${print(filter.filter)})`;
    case "present":
      return `${printPath(filter.path)} pr`;
    case "compare":
      return `${printPath(filter.path)} ${filter.op} ${JSON.stringify(filter.value)}`;
    case "valuePath":
      return `${printPath(filter.path)}[${print(filter.filter)}]`;
  }
}

const OPS: CompareOperator[] = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];

/** Filter ASTs over arbitrary names: `leaf` builds comparisons for the given path arbitrary. */
function filterArbitrary(leaf: fc.Arbitrary<Filter>, valuePath: fc.Arbitrary<Filter> | undefined, maxDepth: number): fc.Arbitrary<Filter> {
  const { node } = fc.letrec<{ node: Filter }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthSize: "small" },
      leaf,
      ...(valuePath ? [valuePath] : []),
      fc.record({ type: fc.constant("and" as const), left: tie("node"), right: tie("node") }),
      fc.record({ type: fc.constant("or" as const), left: tie("node"), right: tie("node") }),
      fc.record({ type: fc.constant("not" as const), filter: tie("node") }),
    ),
  }));
  return node;
}

function leafArbitrary(path: fc.Arbitrary<AttributePath>, value: fc.Arbitrary<FilterValue>): fc.Arbitrary<Filter> {
  return fc.oneof(
    fc.record({ type: fc.constant("compare" as const), op: fc.constantFrom(...OPS), path, value }),
    fc.record({ type: fc.constant("present" as const), path }),
  );
}

// ----- arbitrary syntax (round trip) -----

const NAME = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/).filter((n) => n.toLowerCase() !== "not");
const SUB = fc.oneof(NAME, fc.constant("$ref"));
const ANY_VALUE: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }).filter((s) => !s.includes("\u0000")),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
  fc.boolean(),
  fc.constant(null),
);
const ANY_PATH: fc.Arbitrary<AttributePath> = fc
  .record({
    schema: fc.option(fc.constantFrom(SCHEMA_USER, SCHEMA_ENTERPRISE_USER, CUSTOM_EXT), { nil: undefined }),
    attribute: NAME,
    subAttribute: fc.option(SUB, { nil: undefined }),
  })
  .map(({ schema, attribute, subAttribute }) => ({ ...(schema ? { schema } : {}), attribute, ...(subAttribute ? { subAttribute } : {}) }));
const INNER_PATH: fc.Arbitrary<AttributePath> = SUB.map((attribute) => ({ attribute }));
const ANY_FILTER = filterArbitrary(
  leafArbitrary(ANY_PATH, ANY_VALUE),
  fc.record({
    type: fc.constant("valuePath" as const),
    path: NAME.map((attribute) => ({ attribute })),
    filter: filterArbitrary(leafArbitrary(INNER_PATH, ANY_VALUE), undefined, 3),
  }),
  5,
);

// ----- hostile text -----

const TOKENS = [
  "userName", "emails", "emails.value", "name.familyName", "members", "meta.lastModified", "active", "title",
  `${SCHEMA_ENTERPRISE_USER}:employeeNumber`, `${SCHEMA_USER}:name.givenName`, `${CUSTOM_EXT}:profileField_city`, "profileField_x",
  "urn:", ":", ".", "$ref", "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "and", "or", "not", "AND", "Not",
  "(", ")", "[", "]", '"', '"x"', '"2011-05-13T04:42:34Z"', '"\\u00e9"', '"\\', "\\", "'", "true", "false", "null", "0", "-1.5e3", "1e999",
  "%", "_", "\u0000", "é", "😀", "\t", "\n",
];
const TOKEN_SOUP = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom(" ", "", "  ", "+")), { maxLength: 30 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(""));

const VALID = [...USER_CASES, ...GROUP_CASES].map((c) => c.filter);
const MUTATED = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.string({ unit: "binary", maxLength: 3 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, remove, insert]) => {
      const i = t.length ? at % (t.length + 1) : 0;
      return t.slice(0, i) + insert + t.slice(i + remove);
    }, text),
  );

describe("fuzz: parseFilter / compileFilterSql / evaluateFilter only throw ScimError", () => {
  it("random strings (any code points)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), exercise), { numRuns: RUNS });
  });

  it("token soup", () => {
    fc.assert(fc.property(TOKEN_SOUP, exercise), { numRuns: RUNS });
  });

  it("mutated valid filters", () => {
    fc.assert(fc.property(MUTATED, exercise), { numRuns: RUNS });
  });

  it("inputs around the length limit", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme-ascii", minLength: MAX_FILTER_LENGTH - 10, maxLength: MAX_FILTER_LENGTH + 10 }), exercise), {
      numRuns: 50,
    });
  });

  it("printed random ASTs parse back to the same AST, and compile or fail cleanly", () => {
    fc.assert(
      fc.property(ANY_FILTER, (filter) => {
        const text = print(filter);
        fc.pre(text.length <= MAX_FILTER_LENGTH);
        expect(parseFilter(text)).toEqual(filter);
        exercise(text);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Differential: memory vs SQL over the fixture directory
// ---------------------------------------------------------------------------------------------

const WORDS = [
  "bjensen", "BJENSEN", "b", "j", "m", "", "example", "example.com", "@example.com", "EXAMPLE.ORG", "work", "WORK", "home",
  "mobile", "xmpp", "Employee", "employee", "Contractor", "admin", "Auditor", "u-bjensen", "u-omalley", "u-roles", "g-a", "g-eng",
  "701984", "E-100_%", "0_", "%", "_", "Berlin", "paris", "Hollywood", "US", "z", "Tour", "AlexW", "alexw", "ext-OM", "EXT",
  "User", "user", "Group", "direct", SCHEMA_ENTERPRISE_USER, CUSTOM_EXT, SCHEMA_GROUP, "lodie", "O'Malley", "+1", "555", "a", "zzz",
];
// ASCII only: SQLite's lower() folds ASCII only, a documented difference from the JS evaluator.
const STRING_VALUE: fc.Arbitrary<FilterValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(701984, 1002, 4130, 5) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const DATES = [
  "2010-01-23T04:56:22Z", "2011-05-13T04:42:34Z", "2012-01-01T01:00:00.500+01:00", "2024-03-01", "2024-03-01T12:00:00.123Z",
  "2025-01-01T00:00:00Z", "2025-06-15T09:00:00Z", "2026-11-29T02:48:51.803Z", "2000-01-01T00:00:00Z", "2030-01-01T00:00:00Z",
];
const DATE_VALUE: fc.Arbitrary<FilterValue> = fc.oneof(fc.constantFrom(...DATES), fc.constant(null));
const BOOLEAN_VALUE: fc.Arbitrary<FilterValue> = fc.oneof(fc.boolean(), fc.constant(null));

const path = (text: string): AttributePath => {
  const colon = text.lastIndexOf(":");
  const schema = colon > 0 ? text.slice(0, colon) : undefined;
  const [attribute, subAttribute] = text.slice(colon + 1).split(".");
  return { ...(schema ? { schema } : {}), attribute, ...(subAttribute ? { subAttribute } : {}) };
};

/** A leaf on one of `names`, with values of the right kind; operators all (type errors are compared too). */
function typedLeaf(names: string[], value: fc.Arbitrary<FilterValue>, ops: CompareOperator[] = OPS): fc.Arbitrary<Filter> {
  const p = fc.constantFrom(...names).map(path);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant("compare" as const), op: fc.constantFrom(...ops), path: p, value }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("present" as const), path: p }) },
  );
}

function valuePathArbitrary(attribute: string, strings: string[], booleans: string[] = []): fc.Arbitrary<Filter> {
  const leaves = [typedLeaf(strings, STRING_VALUE), ...(booleans.length ? [typedLeaf(booleans, BOOLEAN_VALUE, ["eq", "ne"])] : [])];
  return fc.record({
    type: fc.constant("valuePath" as const),
    path: fc.constant(path(attribute)),
    filter: filterArbitrary(fc.oneof(...leaves), undefined, 2),
  });
}

const ENT = SCHEMA_ENTERPRISE_USER;
const USER_FILTER = filterArbitrary(
  fc.oneof(
    {
      weight: 6,
      arbitrary: typedLeaf(
        [
          "userName", "externalId", "id", "displayName", "title", "userType", "nickName", "name.givenName", "name.familyName",
          "emails", "emails.value", "emails.type", "emails.display", "phoneNumbers.value", "phoneNumbers.type", "ims", "ims.type",
          "addresses.locality", "addresses.country", "roles", "roles.value", "groups", "groups.value", "groups.type",
          `${ENT}:employeeNumber`, `${ENT}:department`, `${ENT}:manager`, `${ENT}:manager.value`, "profileField_city",
          `${CUSTOM_EXT}:profileField_city`, "profileField_cost_center", "meta.resourceType", "schemas",
        ],
        STRING_VALUE,
      ),
    },
    { weight: 1, arbitrary: typedLeaf(["active", "emails.primary", "roles.primary", "addresses.primary"], BOOLEAN_VALUE) },
    { weight: 1, arbitrary: typedLeaf(["meta.created", "meta.lastModified"], DATE_VALUE) },
    { weight: 1, arbitrary: typedLeaf(["name", "emails", "phoneNumbers", "ims", "addresses", "roles", "groups", "x509Certificates", "meta"], STRING_VALUE, ["eq"]) },
  ),
  fc.oneof(
    valuePathArbitrary("emails", ["value", "type", "display"], ["primary"]),
    valuePathArbitrary("phoneNumbers", ["value", "type"]),
    valuePathArbitrary("ims", ["value", "type"]),
    valuePathArbitrary("addresses", ["locality", "type", "country"], ["primary"]),
    valuePathArbitrary("roles", ["value"], ["primary"]),
    valuePathArbitrary("groups", ["value", "type"]),
    valuePathArbitrary("name", ["givenName", "familyName"]),
    valuePathArbitrary(`${ENT}:manager`, ["value", "displayName"]),
  ),
  4,
);

const GROUP_FILTER = filterArbitrary(
  fc.oneof(
    typedLeaf(["displayName", "externalId", "id", "members", "members.value", "members.type", "meta.resourceType", "schemas"], STRING_VALUE),
    typedLeaf(["meta.created", "meta.lastModified"], DATE_VALUE),
  ),
  valuePathArbitrary("members", ["value", "type"]),
  4,
);

type Outcome = { ids: string[] } | { error: string };

function inMemory(filter: Filter, type: "User" | "Group"): Outcome {
  const resources = type === "User" ? USERS : GROUPS;
  const result = onlyScimError(() => resources.filter((r) => evaluateFilter(filter, r, type)).map((r) => r.id as string).sort());
  return result instanceof ScimError ? { error: result.scimType ?? "" } : { ids: result };
}

/** With `directoryId`, the compiler scopes attribute-table subqueries to it (the form SCIM requests use). */
async function inDatabase(db: FixtureDatabase, filter: Filter, type: "User" | "Group", directoryId?: string): Promise<Outcome> {
  const params = new SqlParams(db.dialect);
  const options = { resourceType: type, storage: ATTRIBUTE_STORAGE[type], dialect: db.dialect, alias: "r", params, directoryId };
  const compiled = onlyScimError(() => compileFilterSql(filter, options));
  if (compiled instanceof ScimError) return { error: compiled.scimType ?? "" };
  return { ids: (await db.ids(type, compiled.sql, params)).sort() };
}

describe.each([
  ["sqlite", 2000],
  ["postgresql", 500],
] as const)("differential: evaluateFilter ≡ compileFilterSql on %s (migrated schema)", (dialect, runs) => {
  let db: FixtureDatabase;
  beforeAll(async () => {
    db = await openFixtureDatabase(dialect);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each([
    ["User", USER_FILTER],
    ["Group", GROUP_FILTER],
  ] as const)("%s filters", async (type, arbitrary) => {
    await fc.assert(
      fc.asyncProperty(arbitrary, fc.boolean(), async (filter, scoped) => {
        const expected = inMemory(filter, type);
        const actual = await inDatabase(db, filter, type, scoped ? FIXTURE_DIRECTORY : undefined);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          throw new Error(`${print(filter)}${scoped ? " (directory-scoped)" : ""}\n  memory: ${JSON.stringify(expected)}\n  ${db.dialect}: ${JSON.stringify(actual)}`);
        }
      }),
      { numRuns: runs },
    );
  });
});
