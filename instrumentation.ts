// Next.js calls register() once when a server process starts. Under `next dev` (and a bare `next start`)
// it starts the background-job loop; under `npm start` the front server has started it already, and
// on Vercel the cron route runs the jobs instead (lib/background-jobs.ts decides).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundJobs } = await import("./lib/background-jobs");
  startBackgroundJobs();
}
