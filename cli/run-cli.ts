// The `roster` command line: headless administration of directories and API clients, against the same
// database as the server (DATABASE_URL). Testable: argv in, exit code out, output through `io`.
import { resolveDatabaseConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { createApiClient } from "@/lib/directories/create-api-client";
import { createDirectory } from "@/lib/directories/create-directory";
import { deleteDirectory } from "@/lib/directories/delete-directory";
import { DirectoryError } from "@/lib/directories/errors";
import { listApiClients } from "@/lib/directories/list-api-clients";
import { listDirectories } from "@/lib/directories/list-directories";
import { revokeApiClient } from "@/lib/directories/revoke-api-client";
import { updateDirectory } from "@/lib/directories/update-directory";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {}

const HELP = `Usage: npm run --silent roster -- <command>

  directory create --name NAME [--json]     create an active SCIM directory with one API client
  directory list [--json]
  directory activate|deactivate|delete --id ID
  client create --directory ID [--label LABEL] [--json]
  client list --directory ID [--json]
  client revoke --directory ID --client CLIENT_ID
  help

Environment: DATABASE_URL (default ./data/roster.db), ROSTER_BASE_URL (default http://localhost:3000).`;

function parseFlags(args: string[]): { flags: Map<string, string>; bools: Set<string> } {
  const flags = new Map<string, string>();
  const bools = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("--")) throw new UsageError(`Unexpected argument "${a}"`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (name === "json") {
      bools.add(name);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { flags, bools };
}

function required(flags: Map<string, string>, ...names: string[]): string {
  for (const n of names) {
    const v = flags.get(n);
    if (v) return v;
  }
  throw new UsageError(`--${names[0]} is required`);
}

function baseUrl(): string {
  return (process.env.ROSTER_BASE_URL?.trim() || "http://localhost:3000").replace(/\/+$/, "");
}

async function directoryCommand(action: string | undefined, flags: Map<string, string>, json: boolean, io: CliIo) {
  switch (action) {
    case "create": {
      const directory = await createDirectory({ name: required(flags, "name"), active: true });
      const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id, label: "CLI" });
      const result = {
        directory: { id: directory.id, name: directory.name },
        tenantUrl: `${baseUrl()}/api/scim/v2`,
        tokenEndpoint: `${baseUrl()}/api/oauth/token`,
        clientId: apiClient.clientId,
        clientSecret,
      };
      if (json) io.out(JSON.stringify(result));
      else {
        io.out(`Directory "${directory.name}" created and active (id ${directory.id}).`);
        io.out(`Tenant URL:     ${result.tenantUrl}`);
        io.out(`Token Endpoint: ${result.tokenEndpoint}`);
        io.out(`Client id:      ${result.clientId}`);
        io.out(`Client secret:  ${clientSecret}`);
        io.out("The secret is shown only now; store it in your identity provider.");
      }
      return;
    }
    case "list": {
      const dirs = await listDirectories();
      if (json) io.out(JSON.stringify(dirs.map((d) => ({ id: d.id, name: d.name, type: d.type, active: d.active, createdAt: d.createdAt }))));
      else if (!dirs.length) io.out("No directories yet. Create one: directory create --name NAME");
      else for (const d of dirs) io.out(`${d.id}  ${d.active ? "active  " : "inactive"}  ${d.name}`);
      return;
    }
    case "activate":
    case "deactivate": {
      const d = await updateDirectory({ directoryId: required(flags, "id", "directory"), active: action === "activate" });
      io.out(`Directory "${d.name}" is now ${d.active ? "active" : "inactive"}.`);
      return;
    }
    case "delete": {
      const id = required(flags, "id", "directory");
      await deleteDirectory({ directoryId: id });
      io.out(`Directory ${id} deleted.`);
      return;
    }
    default:
      throw new UsageError(`Unknown directory command "${action ?? ""}"`);
  }
}

async function clientCommand(action: string | undefined, flags: Map<string, string>, json: boolean, io: CliIo) {
  const directoryId = required(flags, "directory", "id");
  switch (action) {
    case "create": {
      const { apiClient, clientSecret } = await createApiClient({ directoryId, label: flags.get("label") ?? "" });
      if (json) io.out(JSON.stringify({ id: apiClient.id, clientId: apiClient.clientId, clientSecret }));
      else io.out(`Client id: ${apiClient.clientId}\nClient secret: ${clientSecret}\nThe secret is shown only now.`);
      return;
    }
    case "list": {
      const clients = await listApiClients({ directoryId });
      if (json) io.out(JSON.stringify(clients));
      else if (!clients.length) io.out("No API clients.");
      else for (const c of clients) io.out(`${c.clientId}  ${c.revokedAt ? "revoked" : "active "}  created ${c.createdAt.toISOString()}  last used ${c.lastUsedAt?.toISOString() ?? "never"}`);
      return;
    }
    case "revoke":
      await revokeApiClient({ directoryId, apiClientId: required(flags, "client") });
      io.out("Client revoked; its tokens no longer work.");
      return;
    default:
      throw new UsageError(`Unknown client command "${action ?? ""}"`);
  }
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [group, action, ...rest] = argv;
  if (!group || group === "help" || group === "--help" || group === "-h") {
    (group ? io.out : io.err)(HELP);
    return group ? 0 : 2;
  }
  try {
    const { flags, bools } = parseFlags(rest);
    if (group !== "directory" && group !== "client") throw new UsageError(`Unknown command "${group}"`);
    await migrate(resolveDatabaseConfig());
    if (group === "directory") await directoryCommand(action, flags, bools.has("json"), io);
    else await clientCommand(action, flags, bools.has("json"), io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n\n${HELP}`);
      return 2;
    }
    if (e instanceof DirectoryError) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
