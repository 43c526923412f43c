// Every action the audit log records, with the words the console shows for it (the filter's choices).
export const AUDIT_ACTIONS = {
  "directory.create": "Directory created",
  "directory.rename": "Directory renamed",
  "directory.activate": "Directory activated",
  "directory.deactivate": "Directory deactivated",
  "directory.set_deprovision_policy": "Deprovision policy changed",
  "directory.update": "Directory changed",
  "directory.delete": "Directory deleted",
  "profile_field.add": "Profile field added",
  "profile_field.remove": "Profile field removed",
  "api_client.create": "API client created",
  "api_client.rotate": "API client rotated",
  "api_client.revoke": "API client revoked",
  "api_key.create": "API key created",
  "api_key.revoke": "API key revoked",
  "webhook.create": "Webhook created",
  "webhook.enable": "Webhook enabled",
  "webhook.disable": "Webhook disabled",
  "webhook.rotate_secret": "Webhook secret rotated",
  "webhook.replay": "Webhook replay",
  "webhook.delete": "Webhook deleted",
  "admin.add": "Admin added",
  "admin.remove": "Admin removed",
  "admin.role_change": "Admin role changed",
  "admin.sign_out_everywhere": "Signed out everywhere",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditTargetType = "directory" | "profile_field" | "api_client" | "api_key" | "webhook" | "admin" | "session";

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}
