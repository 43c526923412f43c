// The enterprise manager arrives in several shapes; a POST/PUT body and a PATCH must store the same.
import { describe, expect, it } from "vitest";
import { applyPatch } from "../patch/apply-patch";
import { parsePatchRequest } from "../patch/parse-patch-request";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_PATCH_OP, SCHEMA_USER } from "../schema";
import { BASE_URL, IDP_FIXTURES } from "../test-support/fixtures";
import { normalizeUser } from "./normalize-user";
import { toScimUser } from "./to-scim";

/** The manager value of a one-operation PATCH fixture. */
const sentIn = (name: "entraAddManagerString" | "entraClearManager" | "microsoftSdkManagerArray") => ({ name, source: IDP_FIXTURES[name].source, value: IDP_FIXTURES[name].body.Operations[0].value });

const MANAGER_SHAPES: { name: string; source: string; value: unknown; stored: unknown }[] = [
  { ...sentIn("entraAddManagerString"), stored: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } },
  { ...sentIn("entraClearManager"), stored: undefined },
  { ...sentIn("microsoftSdkManagerArray"), stored: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } },
  { name: "one-element string array", source: "the SDK's wrapping of Entra's string form", value: ["m-8"], stored: { value: "m-8" } },
  { name: "rfc7643-4.3-complex", source: "RFC 7643 §4.3", value: { value: "m-9", displayName: "Jane Doe" }, stored: { value: "m-9", displayName: "Jane Doe" } },
  { name: "rfc7643-4.3-no-id", source: "RFC 7643 §4.3: a manager without an id names nobody", value: { value: "" }, stored: undefined },
];

const initial = { schemas: [SCHEMA_USER], userName: "report@contoso.example", [SCHEMA_ENTERPRISE_USER]: { department: "Sales", manager: { value: "old", displayName: "Old Boss" } } };

function storedAfterPost(value: unknown): unknown {
  const user = normalizeUser({ ...initial, [SCHEMA_ENTERPRISE_USER]: { department: "Sales", manager: value } }, { mode: "create" });
  return (user.resource[SCHEMA_ENTERPRISE_USER] as Record<string, unknown>).manager;
}

function storedAfterPatch(value: unknown): unknown {
  const created = normalizeUser(initial, { mode: "create" });
  const record = { id: "u-1", userName: created.userName, externalId: null, active: true, resource: created.resource, profileFields: {}, profileFieldsSchema: null, version: 1, createdAt: new Date(0), updatedAt: new Date(0) };
  const operations = parsePatchRequest({ schemas: [SCHEMA_PATCH_OP], Operations: [{ op: "Replace", path: `${SCHEMA_ENTERPRISE_USER}:manager`, value }] });
  const user = normalizeUser(applyPatch(toScimUser(record, { baseUrl: BASE_URL }), operations, "User"), { mode: "replace" });
  return (user.resource[SCHEMA_ENTERPRISE_USER] as Record<string, unknown>).manager;
}

describe("the enterprise manager, in every shape identity providers send", () => {
  it.each(MANAGER_SHAPES)("$name ($source)", ({ value, stored }) => {
    expect(storedAfterPost(value)).toEqual(stored);
    expect(storedAfterPatch(value)).toEqual(stored);
  });
});
