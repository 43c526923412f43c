// Where non-core attributes live in a SCIM resource's JSON: schema extensions under their URN key
// (RFC 7643 §3.3), and Entra's custom profile fields (`profileField_<name>`), which arrive either
// top-level or inside a custom extension object urn:ietf:params:scim:schemas:extension:<Name>:2.0:User.
import { CUSTOM_USER_EXTENSION_PATTERN, PROFILE_FIELD_PREFIX, SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_USER } from "../schema";

const PREFIX_LOWER = PROFILE_FIELD_PREFIX.toLowerCase();
/** Any schema-extension URN used as a key of a resource: urn:…:2.0:User / urn:…:2.0:Group. */
const EXTENSION_URN = /^urn:[^\s]+:2\.0:(?:User|Group)$/i;

export function isEnterpriseUrn(key: string): boolean {
  return key.toLowerCase() === SCHEMA_ENTERPRISE_USER.toLowerCase();
}

export function isCoreUrn(key: string): boolean {
  const lower = key.toLowerCase();
  return lower === SCHEMA_USER.toLowerCase() || lower === SCHEMA_GROUP.toLowerCase();
}

/** A custom User extension (Entra "Customize application attributes"), i.e. not the enterprise one. */
export function isCustomUserExtensionUrn(key: string): boolean {
  return CUSTOM_USER_EXTENSION_PATTERN.test(key) && !isEnterpriseUrn(key);
}

/** A key naming a whole schema extension object (enterprise, custom, or any other urn:…:2.0:User|Group). */
export function isExtensionUrnKey(key: string): boolean {
  return EXTENSION_URN.test(key) && !isCoreUrn(key);
}

/** `profileField_<name>` in any case, with a non-empty name. */
export function isProfileFieldKey(key: string): boolean {
  return key.length > PROFILE_FIELD_PREFIX.length && key.toLowerCase().startsWith(PREFIX_LOWER);
}

/** The <name> of `profileField_<name>` (the key in ScimUser.profileFields). */
export function profileFieldName(key: string): string {
  return key.slice(PROFILE_FIELD_PREFIX.length);
}

export function profileFieldKey(name: string): string {
  return PROFILE_FIELD_PREFIX + name;
}
