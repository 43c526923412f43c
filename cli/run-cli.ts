// The `roster` command line: headless administration of directories and API clients, against the same
// database as the server (DATABASE_URL), migrated first so it works on a fresh machine. Every change is
// in the admin audit log with the actor "cli" and the operating-system user. Testable: argv
// in, exit code out, every line through `io`. Exit codes: 0 done, 1 failed (e.g. an unknown id or an
// unreachable database), 2 usage error (nothing was done).
import { createApiKey } from "@/lib/admin/api-keys/create-api-key";
import { listApiKeys } from "@/lib/admin/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/admin/api-keys/revoke-api-key";
import { getDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createApiClient } from "@/lib/admin/api-clients/create-api-client";
import { createDirectory } from "@/lib/admin/directories/create-directory";
import { deleteDirectory } from "@/lib/admin/directories/delete-directory";
import { listApiClients } from "@/lib/admin/api-clients/list-api-clients";
import { listDirectories } from "@/lib/admin/directories/list-directories";
import { revokeApiClient } from "@/lib/admin/api-clients/revoke-api-client";
import { updateDirectory } from "@/lib/admin/directories/update-directory";
import { AdminError } from "@/lib/admin/errors";
import { cliActor } from "@/lib/audit/actor";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import { connectionEndpoints, publicOrigin } from "@/lib/http/public-origin";
import { settings } from "@/lib/settings";

export interface CliIo {
  /** One line of standard output (with --json: the one JSON document and nothing else). */
  out(line: string): void;
  /** One line of standard error. */
  err(line: string): void;
}

export interface RunCliOptions {
  /** Where prisma/migrations lives (default: the working directory, as for the server). */
  root?: string;
  /** Close the database connection at the end (the real process; tests keep theirs). */
  closeDatabase?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export const HELP = `Roster: administer SCIM directories, their API clients, API keys and webhooks.

Usage: npm run --silent roster -- <command> [options]

  directory create --name NAME [--json]        create an ACTIVE SCIM directory and one API client;
                                               prints the Tenant URL, Token Endpoint, client id, secret
  directory list [--json]
  directory activate --id ID                   (--directory ID works too)
  directory deactivate --id ID                 its tokens stop working at once
  directory delete --id ID                     deletes its users, groups, clients and tokens
  client create --directory ID [--label LABEL] [--json]
  client list --directory ID [--json]
  client revoke --directory ID --client CLIENT_ID_OR_ID
  api-key create --name NAME [--directory ID]... [--json]
                                               a key for an application reading /api/v1 (the events
                                               feed and the Directory API); --directory (repeatable)
                                               restricts it to those directories, else it reads all;
                                               prints the key, shown only now
  api-key list [--json]
  api-key revoke ID                            (--id ID works too) it stops working at once
  webhook create --url URL [--directory ID]... [--types T1,T2] [--description TEXT] [--json]
                                               an endpoint receiving the events feed as signed POSTs
                                               (Standard Webhooks), from now on; prints its secret
                                               (whsec_…), shown only now
  webhook list [--json]
  webhook disable ID | webhook enable ID       enabling resumes delivery where it stopped
  webhook delete ID
  webhook rotate-secret ID [--json]            a new secret; the old one also signs for 24 hours
  help

Environment:
  DATABASE_URL     the server's database (default file ./data/roster.db; or postgresql://…)
  ROSTER_BASE_URL  public origin for the printed URLs (default http://localhost:3000)

Exit status: 0 done, 1 failed, 2 usage error.`;

class UsageError extends Error {}

/** "list": a value that may be given several times (--directory A --directory B). */
type FlagKind = "value" | "bool" | "list";

interface Args {
  values: Map<string, string>;
  lists: Map<string, string[]>;
  json: boolean;
}

interface Command {
  flags: Record<string, FlagKind>;
  /** Flags of which one must be given (alternatives listed together, the first is the documented one). */
  required?: string[][];
  /** The value flag that one bare argument stands for (`api-key revoke ID` = `--id ID`). */
  positional?: string;
  run(args: Args, io: CliIo): Promise<void>;
}

const endpoints = () => connectionEndpoints(publicOrigin());

function value(args: Args, ...names: string[]): string {
  for (const n of names) {
    const v = args.values.get(n);
    if (v !== undefined) return v;
  }
  throw new UsageError(`--${names[0]} is required`);
}

const directoryId = (args: Args) => value(args, "id", "directory");

function setActive(active: boolean): Command {
  return {
    flags: { id: "value", directory: "value", json: "bool" },
    required: [["id", "directory"]],
    async run(args, io) {
      const d = await updateDirectory({ directoryId: directoryId(args), active, actor: cliActor() });
      if (args.json) io.out(JSON.stringify({ id: d.id, name: d.name, active: d.active }));
      else io.out(`Directory "${d.name}" is now ${d.active ? "active" : "inactive"}.`);
    },
  };
}

function setWebhookState(enabled: boolean): Command {
  return {
    flags: { id: "value", json: "bool" },
    required: [["id"]],
    positional: "id",
    async run(args, io) {
      const w = await setWebhookEnabled({ webhookId: value(args, "id"), enabled, actor: cliActor() });
      if (args.json) io.out(JSON.stringify(w));
      else io.out(`Webhook ${w.id} (${w.url}) is now ${w.enabled ? "enabled" : "disabled"}.`);
    },
  };
}

const COMMANDS: Record<string, Command> = {
  "directory create": {
    flags: { name: "value", json: "bool" },
    required: [["name"]],
    async run(args, io) {
      const directory = await createDirectory({ name: value(args, "name"), active: true, actor: cliActor() });
      const { apiClient, clientSecret } = await createApiClient({ directoryId: directory.id, label: "CLI", actor: cliActor() });
      const result = { directory: { id: directory.id, name: directory.name }, ...endpoints(), clientId: apiClient.clientId, clientSecret };
      if (args.json) {
        io.out(JSON.stringify(result));
        return;
      }
      io.out(`Directory "${directory.name}" created and active (id ${directory.id}).`);
      io.out(`Tenant URL:     ${result.tenantUrl}`);
      io.out(`Token Endpoint: ${result.tokenEndpoint}`);
      io.out(`Client id:      ${result.clientId}`);
      io.out(`Client secret:  ${clientSecret}`);
      io.out("The secret is shown only now; store it in your identity provider.");
    },
  },
  "directory list": {
    flags: { json: "bool" },
    async run(args, io) {
      const dirs = await listDirectories();
      if (args.json) {
        io.out(JSON.stringify(dirs.map((d) => ({ id: d.id, name: d.name, type: d.type, active: d.active, deprovisionPolicy: d.deprovisionPolicy, createdAt: d.createdAt, lastActivityAt: d.lastActivityAt }))));
      } else if (!dirs.length) {
        io.out("No directories yet. Create one: directory create --name NAME");
      } else {
        for (const d of dirs) io.out(`${d.id}  ${d.active ? "active  " : "inactive"}  ${d.name}`);
      }
    },
  },
  "directory activate": setActive(true),
  "directory deactivate": setActive(false),
  "directory delete": {
    flags: { id: "value", directory: "value", json: "bool" },
    required: [["id", "directory"]],
    async run(args, io) {
      const id = directoryId(args);
      await deleteDirectory({ directoryId: id, actor: cliActor() });
      if (args.json) io.out(JSON.stringify({ id, deleted: true }));
      else io.out(`Directory ${id} deleted, with its users, groups, API clients and tokens.`);
    },
  },
  "client create": {
    flags: { directory: "value", id: "value", label: "value", json: "bool" },
    required: [["directory", "id"]],
    async run(args, io) {
      const id = value(args, "directory", "id");
      const { apiClient, clientSecret } = await createApiClient({ directoryId: id, label: args.values.get("label") ?? "", actor: cliActor() });
      const result = { id: apiClient.id, directoryId: id, clientId: apiClient.clientId, label: apiClient.label, clientSecret, ...endpoints() };
      if (args.json) {
        io.out(JSON.stringify(result));
        return;
      }
      io.out(`Client id:      ${apiClient.clientId}`);
      io.out(`Client secret:  ${clientSecret}`);
      io.out(`Token Endpoint: ${result.tokenEndpoint}`);
      io.out("The secret is shown only now; store it in your identity provider.");
    },
  },
  "client list": {
    flags: { directory: "value", id: "value", json: "bool" },
    required: [["directory", "id"]],
    async run(args, io) {
      const clients = await listApiClients({ directoryId: value(args, "directory", "id") });
      if (args.json) io.out(JSON.stringify(clients));
      else if (!clients.length) io.out("No API clients.");
      else {
        for (const c of clients) {
          const state = c.revokedAt ? "revoked" : "active ";
          io.out(`${c.clientId}  ${state}  created ${c.createdAt.toISOString()}  last used ${c.lastUsedAt?.toISOString() ?? "never"}${c.label ? `  ${c.label}` : ""}`);
        }
      }
    },
  },
  "api-key create": {
    flags: { name: "value", directory: "list", json: "bool" },
    required: [["name"]],
    async run(args, io) {
      const { apiKey, key } = await createApiKey({ name: value(args, "name"), directoryIds: args.lists.get("directory") ?? [], actor: cliActor() });
      if (args.json) {
        io.out(JSON.stringify({ apiKey: { id: apiKey.id, name: apiKey.name, directoryIds: apiKey.directoryIds, keyPrefix: apiKey.keyPrefix, createdAt: apiKey.createdAt }, key }));
        return;
      }
      io.out(`API key "${apiKey.name}" created (id ${apiKey.id}), reading ${apiKey.directoryIds.length ? `directories ${apiKey.directoryIds.join(", ")}` : "every directory"}.`);
      io.out(`Key:      ${key}`);
      io.out(`Use:      Authorization: Bearer <key> on ${publicOrigin()}/api/v1 (described by ${publicOrigin()}/api/v1/openapi.json)`);
      io.out("The key is shown only now; store it in the application's secrets.");
    },
  },
  "api-key list": {
    flags: { json: "bool" },
    async run(args, io) {
      const keys = await listApiKeys();
      if (args.json) io.out(JSON.stringify(keys));
      else if (!keys.length) io.out("No API keys. Create one: api-key create --name NAME");
      else {
        for (const k of keys) {
          const state = k.revokedAt ? "revoked" : "active ";
          const scope = k.directoryIds.length ? k.directoryIds.join(",") : "all directories";
          io.out(`${k.id}  ${state}  ${k.keyPrefix}…  created ${k.createdAt.toISOString()}  last used ${k.lastUsedAt?.toISOString() ?? "never"}  ${scope}  ${k.name}`);
        }
      }
    },
  },
  "api-key revoke": {
    flags: { id: "value", json: "bool" },
    required: [["id"]],
    positional: "id",
    async run(args, io) {
      const key = await revokeApiKey({ apiKeyId: value(args, "id"), actor: cliActor() });
      if (args.json) io.out(JSON.stringify(key));
      else io.out(`API key "${key.name}" (${key.id}) revoked; it no longer works.`);
    },
  },
  "webhook create": {
    flags: { url: "value", directory: "list", types: "value", description: "value", json: "bool" },
    required: [["url"]],
    async run(args, io) {
      const types = args.values.get("types")?.split(",").map((t) => t.trim()).filter(Boolean) ?? [];
      const { webhook, secret } = await createWebhook({
        url: value(args, "url"),
        directoryIds: args.lists.get("directory") ?? [],
        eventTypes: types,
        description: args.values.get("description") ?? "",
        actor: cliActor(),
      });
      if (args.json) {
        io.out(JSON.stringify({ webhook, secret }));
        return;
      }
      io.out(`Webhook ${webhook.id} created: ${webhook.url}`);
      io.out(`Receives: ${webhook.eventTypes.length ? webhook.eventTypes.join(", ") : "every event type"} from ${webhook.directoryIds.length ? `directories ${webhook.directoryIds.join(", ")}` : "every directory"}.`);
      io.out(`Secret:   ${secret}`);
      io.out("The secret is shown only now; give it to the receiver's Standard Webhooks verifier.");
    },
  },
  "webhook list": {
    flags: { json: "bool" },
    async run(args, io) {
      const hooks = await listWebhooks();
      if (args.json) io.out(JSON.stringify(hooks));
      else if (!hooks.length) io.out("No webhooks. Create one: webhook create --url URL");
      else {
        for (const w of hooks) {
          const state = !w.enabled ? "disabled" : w.failingSince ? "failing " : "enabled ";
          const rate = w.attempts24h ? `${Math.round((100 * w.succeeded24h) / w.attempts24h)}% of ${w.attempts24h} in 24 h` : "no attempts in 24 h";
          io.out(`${w.id}  ${state}  ${w.url}  ${rate}${w.disabledReason ? `  (${w.disabledReason})` : ""}`);
        }
      }
    },
  },
  "webhook disable": setWebhookState(false),
  "webhook enable": setWebhookState(true),
  "webhook delete": {
    flags: { id: "value", json: "bool" },
    required: [["id"]],
    positional: "id",
    async run(args, io) {
      const id = value(args, "id");
      await deleteWebhook({ webhookId: id, actor: cliActor() });
      if (args.json) io.out(JSON.stringify({ id, deleted: true }));
      else io.out(`Webhook ${id} deleted, with its delivery log.`);
    },
  },
  "webhook rotate-secret": {
    flags: { id: "value", json: "bool" },
    required: [["id"]],
    positional: "id",
    async run(args, io) {
      const id = value(args, "id");
      const { secret, previousSecretExpiresAt } = await rotateWebhookSecret({ webhookId: id, actor: cliActor() });
      if (args.json) {
        io.out(JSON.stringify({ id, secret, previousSecretExpiresAt }));
        return;
      }
      io.out(`Secret:   ${secret}`);
      io.out(`The old secret also signs until ${previousSecretExpiresAt.toISOString()}; the new one is shown only now.`);
    },
  },
  "client revoke": {
    flags: { directory: "value", id: "value", client: "value", json: "bool" },
    required: [["directory", "id"], ["client"]],
    async run(args, io) {
      const client = await revokeApiClient({ directoryId: value(args, "directory", "id"), apiClientId: value(args, "client"), actor: cliActor() });
      if (args.json) io.out(JSON.stringify(client));
      else io.out(`Client ${client.clientId} revoked; its tokens no longer work.`);
    },
  },
};

function parseArgs(name: string, command: Command, rest: string[]): Args {
  const args: Args = { values: new Map(), lists: new Map(), json: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (command.positional && !a.startsWith("-") && !args.values.has(command.positional)) {
      args.values.set(command.positional, a);
      continue;
    }
    if (!a.startsWith("--") || a === "--") throw new UsageError(`Unexpected argument "${a}" for "${name}"`);
    const eq = a.indexOf("=");
    const flag = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const kind = command.flags[flag];
    if (!kind) throw new UsageError(`Unknown option --${flag} for "${name}"`);
    if (kind === "bool") {
      if (eq >= 0) throw new UsageError(`--${flag} takes no value`);
      args.json = true;
      continue;
    }
    const v = eq >= 0 ? a.slice(eq + 1) : rest[++i];
    if (v === undefined || (eq < 0 && v.startsWith("--"))) throw new UsageError(`--${flag} needs a value`);
    if (kind === "list") {
      if (!v.trim()) throw new UsageError(`--${flag} needs a value`);
      args.lists.set(flag, [...(args.lists.get(flag) ?? []), v]);
      continue;
    }
    if (args.values.has(flag)) throw new UsageError(`--${flag} is given twice`);
    args.values.set(flag, v);
  }
  for (const alternatives of command.required ?? []) {
    if (!alternatives.some((f) => args.values.get(f)?.trim())) throw new UsageError(`--${alternatives[0]} is required`);
  }
  return args;
}

function wantsHelp(argv: string[]) {
  return argv[0] === "help" || argv.includes("--help") || argv.includes("-h");
}

export async function runCli(argv: string[], io: CliIo, options: RunCliOptions = {}): Promise<number> {
  if (!argv.length) {
    io.err(HELP);
    return EXIT_USAGE;
  }
  if (wantsHelp(argv)) {
    io.out(HELP);
    return EXIT_OK;
  }
  let usedDatabase = false;
  try {
    settings(); // a bad environment variable stops every command, before anything is done
    const [group, action, ...rest] = argv;
    const name = `${group} ${action ?? ""}`.trim();
    const command = COMMANDS[name];
    if (!command) {
      if (!["directory", "client", "api-key", "webhook"].includes(group)) throw new UsageError(`Unknown command "${group}"`);
      throw new UsageError(action ? `Unknown command "${name}"` : `"${group}" needs a subcommand`);
    }
    // Every argument is checked before the database is touched: a usage error changes nothing.
    const args = parseArgs(name, command, rest);
    usedDatabase = true;
    await migrate(settings().database, options.root);
    await command.run(args, io);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}`);
      io.err('Run "npm run --silent roster -- help" for usage.');
      return EXIT_USAGE;
    }
    if (e instanceof AdminError) {
      io.err(`error: ${e.message}`);
      // An invalid value (e.g. an empty or over-long name) is a usage error: nothing was done.
      return e.code === "invalid" ? EXIT_USAGE : EXIT_FAILURE;
    }
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_FAILURE;
  } finally {
    if (options.closeDatabase && usedDatabase) await getDb().prisma.$disconnect().catch(() => undefined);
  }
}
