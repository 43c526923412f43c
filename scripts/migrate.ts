// `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL).
import { describeDatabase, type DatabaseConfig } from "../lib/db/config";
import { migrate } from "../lib/db/migrate";
import { settings } from "../lib/settings";

// Also the first step of `npm run dev`: a bad environment variable stops it here, before next dev starts.
let config: DatabaseConfig;
try {
  config = settings().database;
} catch (e) {
  console.error(`[roster] ${(e as Error).message}`);
  process.exit(1);
}
const started = Date.now();
migrate(config)
  .then((r) => {
    const what = r.applied.length ? `applied ${r.applied.join(", ")}` : "nothing to apply";
    console.log(`[roster] ${config.kind} ${describeDatabase(config)}: ${what} (${r.alreadyApplied} already applied, ${Date.now() - started} ms)`);
  })
  .catch((e: Error) => {
    console.error(`[roster] migration failed on ${describeDatabase(config)}: ${e.message}`);
    process.exit(1);
  });
