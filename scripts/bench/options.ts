// Command-line flags of `npm run bench` and the workload sizes derived from them.

export interface BenchOptions {
  /** Users created over HTTP by the initial cycle (GET by filter, then POST). */
  users: number;
  /** Groups created by the initial cycle, each filled by PATCH add-member batches. */
  groups: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** Users in the main directory when reads are measured "at scale" (the rest bulk-inserted). */
  scaleUsers: number;
  postgres: boolean;
  /** SQLite, then PostgreSQL, in one invocation: both reports, the phases side by side, the goals of both. */
  both: boolean;
  quick: boolean;
  /** Users of issue #17's five phases (scenarios/entra-phases.ts), run on Roster and on the baseline. */
  phaseUsers: number;
  /** Only those five phases (Roster and the baseline), nothing else. */
  phasesOnly: boolean;
  skipPhases: boolean;
  /** Print the machine-readable result after the tables (true), or write it to this file. */
  json: boolean | string;
  /** Skip the admin page, the logging-off run or the baseline (each costs a server start). */
  skipAdmin: boolean;
  skipLogOff: boolean;
  /** Skip the run with the events feed's writes off. */
  skipEventsOff: boolean;
  skipHealthOff: boolean;
  /** Skip the run with a webhook subscribed and the delivery throughput. */
  skipWebhooks: boolean;
  skipBaseline: boolean;
  /** Creates per side in the throughput comparison (default: the workload's createRun). */
  creates?: number;
  /** Only the create throughput comparison (activity log and events feed on vs off), nothing else. */
  createsOnly: boolean;
  /** Write V8 CPU profiles of the Roster servers (.cpuprofile, opened by Chrome DevTools) to this directory. */
  cpuProfileDir?: string;
}

/** How many requests each phase sends; all bounded, whatever the flags. */
export interface Workload {
  /** Members per PATCH add batch (Entra sends up to 100 per request). */
  memberBatch: number;
  /** Members each of the G groups gets (in batches of memberBatch). */
  membersPerGroup: number;
  /** Members of the one big group. */
  bigGroupMembers: number;
  /** Users of the small directory whose lookups are compared with those in the large one. */
  seedUsers: number;
  /** Pure POST /Users requests for the throughput runs (activity log on, off, and the baseline). */
  createRun: number;
  /** Lookups per attribute (userName, externalId, emails.value) at each size. */
  lookupsPerKind: number;
  /** Incremental cycle: users patched (familyName and work email, one request each), deactivated, deleted; member removals. */
  attributePatches: number;
  deactivations: number;
  deletions: number;
  memberRemovals: number;
  /** Reads and one-member writes on the big and the small group, each. */
  listPages: number;
  groupReads: number;
  memberToggles: number;
  adminRenders: number;
  warmup: number;
  /** Wall-clock bound of one phase and of the whole run. */
  phaseBudgetMs: number;
  totalBudgetMs: number;
}

const USAGE = `npm run bench -- [flags]
  --users N          users created by the initial cycle (default 10000)
  --groups N         groups created and filled by PATCH (default 100)
  --concurrency N    requests in flight (default 8)
  --scale-users N    users in the directory when lookups are measured at scale (default 100000)
  --postgres         PostgreSQL (a fresh database, dropped afterwards) instead of SQLite
  --both             SQLite, then PostgreSQL: both reports, the five phases side by side, the goals of both
  --phase-users N    users of the five phases of issue #17 (match + create, filter lookups, group creates,
                     10-member adds, incremental PATCH), run on Roster and on the bare baseline (default 2000;
                     500 with --quick)
  --phases-only      run only those phases (Roster and the baseline) and the goal table: the quickest
                     before/after of a change (with --both, on both databases)
  --skip-phases      leave the phases out
  --quick            small sizes for a smoke run (500 users, 10 groups, 5000 at scale)
  --creates N        creates per server in the on/off throughput comparison (default 4000; 500 with --quick)
  --creates-only     run only that comparison (main server, activity log off, events feed off, sync health off)
  --json [FILE]      also print the results as JSON (or write them to FILE)
  --skip-admin --skip-log-off --skip-events-off --skip-health-off --skip-webhooks --skip-baseline   leave out a part
                     (--skip-baseline: no baseline server, so no baseline ratios)
  --cpu-prof DIR     write a V8 CPU profile of each Roster server to DIR (for finding where time goes)`;

function intFlag(name: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} needs an integer from ${min} to ${max}\n${USAGE}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const options: BenchOptions = {
    users: quick ? 500 : 10_000,
    groups: quick ? 10 : 100,
    concurrency: 8,
    scaleUsers: quick ? 5_000 : 100_000,
    postgres: false,
    both: false,
    quick,
    phaseUsers: quick ? 500 : 2_000,
    phasesOnly: false,
    skipPhases: false,
    json: false,
    skipAdmin: false,
    skipLogOff: false,
    skipEventsOff: false,
    skipHealthOff: false,
    skipWebhooks: false,
    skipBaseline: false,
    createsOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--users":
        options.users = intFlag("users", value(), 10, 200_000);
        break;
      case "--groups":
        options.groups = intFlag("groups", value(), 1, 2_000);
        break;
      case "--concurrency":
        options.concurrency = intFlag("concurrency", value(), 1, 256);
        break;
      case "--scale-users":
        options.scaleUsers = intFlag("scale-users", value(), 1_000, 1_000_000);
        break;
      case "--creates":
        options.creates = intFlag("creates", value(), 100, 100_000);
        break;
      case "--postgres":
        options.postgres = true;
        break;
      case "--both":
        options.both = true;
        break;
      case "--phase-users":
        options.phaseUsers = intFlag("phase-users", value(), 40, 100_000);
        break;
      case "--phases-only":
        options.phasesOnly = true;
        break;
      case "--skip-phases":
        options.skipPhases = true;
        break;
      case "--quick":
        break;
      case "--json":
        options.json = inline ?? (argv[i + 1] && !argv[i + 1].startsWith("--") ? argv[++i] : true);
        break;
      case "--cpu-prof":
        options.cpuProfileDir = value();
        if (!options.cpuProfileDir) throw new Error(`--cpu-prof needs a directory\n${USAGE}`);
        break;
      case "--skip-admin":
        options.skipAdmin = true;
        break;
      case "--skip-log-off":
        options.skipLogOff = true;
        break;
      case "--skip-events-off":
        options.skipEventsOff = true;
        break;
      case "--skip-health-off":
        options.skipHealthOff = true;
        break;
      case "--skip-webhooks":
        options.skipWebhooks = true;
        break;
      case "--creates-only":
        options.createsOnly = true;
        break;
      case "--skip-baseline":
        options.skipBaseline = true;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown flag ${argv[i]}\n${USAGE}`);
    }
  }
  if (options.phasesOnly && (options.skipPhases || options.createsOnly)) throw new Error(`--phases-only cannot be combined with --skip-phases or --creates-only\n${USAGE}`);
  return options;
}

export function workloadFor(options: BenchOptions): Workload {
  const { users, quick } = options;
  const seedUsers = Math.min(1_000, Math.floor(options.scaleUsers / 2));
  return {
    memberBatch: 100,
    membersPerGroup: Math.min(200, users),
    bigGroupMembers: Math.min(10_000, users),
    seedUsers,
    createRun: options.creates ?? (quick ? 500 : 4_000),
    lookupsPerKind: quick ? 300 : 2_000,
    attributePatches: Math.min(1_000, Math.floor(users / 10)),
    deactivations: Math.min(500, Math.floor(users / 20)),
    deletions: Math.min(500, Math.floor(users / 20)),
    memberRemovals: Math.min(500, options.groups * 5),
    listPages: quick ? 50 : 200,
    groupReads: quick ? 200 : 1_000,
    memberToggles: quick ? 100 : 400,
    adminRenders: quick ? 10 : 30,
    warmup: quick ? 100 : 300,
    phaseBudgetMs: 8 * 60_000,
    totalBudgetMs: 27 * 60_000,
  };
}
