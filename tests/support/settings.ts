// Tests that vary Roster's settings set the variables through here, so that settings(), which parses the
// environment once per process, reads them again; restoreTestEnv() in afterEach undoes both.
import { vi } from "vitest";
import { resetSettingsForTests, type EnvVariable } from "@/lib/settings";

export function setTestEnv(variables: Partial<Record<EnvVariable, string | undefined>>): void {
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
  resetSettingsForTests();
}

export function restoreTestEnv(): void {
  vi.unstubAllEnvs();
  resetSettingsForTests();
}
