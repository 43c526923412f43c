// PATCH of a custom profile field. Entra addresses one either top-level (`profileField_city`) or
// qualified with its custom extension (`urn:ietf:params:scim:schemas:extension:<Name>:2.0:User:profileField_city`).
// In the full resource (toScimUser) all of a user's profile fields sit in ONE place: top-level, or
// under the one extension URN they arrived under. Both spellings of the path hit that same field:
//   - a field is written where the user's profile fields already live (its "home");
//   - with no profile fields yet, where the path says (top-level, or under the path's URN);
//   - any other copy (other spelling, other case) is removed, so exactly one remains.
import { isCustomUserExtensionUrn, isProfileFieldKey, profileFieldKey, profileFieldName } from "../resource/extensions";
import { deleteIgnoringCase, findKey, isNoValue, isPlainObject, type JsonObject } from "../resource/json";
import type { PatchOpName } from "./parse-patch-request";

interface Place {
  container: JsonObject;
  urnKey?: string;
}

export function applyProfileField(root: JsonObject, op: PatchOpName, attribute: string, schema: string | undefined, value: unknown) {
  const places = profileFieldPlaces(root);
  const hasFields = (p: Place) => Object.keys(p.container).some(isProfileFieldKey);
  const home = places.find((p) => p.urnKey && hasFields(p)) ?? (hasFields(places[0]) ? places[0] : undefined);
  for (const place of places) deleteIgnoringCase(place.container, attribute);
  if (op !== "remove" && !isNoValue(value)) {
    const target = home ?? placeNamedBy(root, schema);
    target.container[profileFieldKey(profileFieldName(attribute))] = value;
  }
  // An extension object left empty goes, as normalisation would drop it.
  for (const place of profileFieldPlaces(root)) {
    if (place.urnKey && !Object.keys(place.container).length) delete root[place.urnKey];
  }
}

/** The top level, then every custom extension object. */
function profileFieldPlaces(root: JsonObject): Place[] {
  const places: Place[] = [{ container: root }];
  for (const key of Object.keys(root)) {
    const value = root[key];
    if (isCustomUserExtensionUrn(key) && isPlainObject(value)) places.push({ container: value, urnKey: key });
  }
  return places;
}

function placeNamedBy(root: JsonObject, schema: string | undefined): Place {
  if (!schema) return { container: root };
  const key = findKey(root, schema) ?? schema;
  const existing = root[key];
  const container = isPlainObject(existing) ? existing : {};
  root[key] = container;
  return { container, urnKey: key };
}
