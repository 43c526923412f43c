// Every IdP fixture names its source and is accepted where it is sent: the table replayed as a whole.
import { describe, expect, it } from "vitest";
import { applyPatch } from "../patch/apply-patch";
import { parsePatchRequest } from "../patch/parse-patch-request";
import { planGroupPatch } from "../patch/plan-group-patch";
import { normalizeGroup } from "../resource/normalize-group";
import { normalizeUser } from "../resource/normalize-user";
import { IDP_FIXTURES, type IdpFixture, scimUser } from "./fixtures";

const table = Object.entries(IDP_FIXTURES).map(([name, fixture]: [string, IdpFixture]) => ({ name, ...fixture }));

describe("IdP fixtures", () => {
  it.each(table)("$name ($kind) names its source and is accepted", ({ source, kind, body }) => {
    expect(source.length).toBeGreaterThan(10);
    switch (kind) {
      case "user":
        expect(normalizeUser(body, { mode: "create" }).userName).toBeTruthy();
        break;
      case "group":
        expect(normalizeGroup(body).displayName).toBeTruthy();
        break;
      case "user-patch": {
        const patched = applyPatch(scimUser(IDP_FIXTURES.entraCreateUser.body), parsePatchRequest(body), "User");
        expect(normalizeUser(patched, { mode: "replace" }).userName).toBeTruthy();
        break;
      }
      case "group-patch":
        expect(planGroupPatch(parsePatchRequest(body))).toBeDefined();
        break;
    }
  });
});
