// `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL).
import { describeDatabase, resolveDatabaseConfig } from "../lib/db/config";
import { migrate } from "../lib/db/migrate";

const config = resolveDatabaseConfig();
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
