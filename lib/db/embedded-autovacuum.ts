import "server-only";
import type { PGlite } from "@electric-sql/pglite";

/**
 * PostgreSQL's autovacuum for the embedded database. PGlite is PostgreSQL in
 * one process with no background workers, so nothing vacuums or analyzes its
 * tables: after a large import the planner still believes a table holds the
 * few rows it had when last analyzed (or none), and picks plans that read a
 * whole run's tasks for every claim; and the row versions each claim and
 * result leave behind are never reclaimed, so every scan of a long run steps
 * over more of them. This pass applies autovacuum's own rules, with its
 * default thresholds, to the counters PostgreSQL keeps per table.
 */

/**
 * autovacuum_vacuum_threshold and _scale_factor, _analyze_* (PostgreSQL's
 * defaults). Its rule for tables that only grew (a vacuum to set the
 * visibility map) is left out: here the process waits for every vacuum, and
 * a growing results table would be vacuumed again and again during a long
 * run for no gain in its plans; an analyze is what a grown table needs.
 */
const rules = {
  vacuum: { threshold: 50, scale: 0.2 },
  analyze: { threshold: 50, scale: 0.1 },
};

type TableCounters = {
  table: string;
  liveRows: number;
  deadRows: number;
  changedSinceAnalyze: number;
};

export type AutovacuumPass = { vacuumed: string[]; analyzed: string[]; milliseconds: number };

/** What needs doing for one table: a vacuum (which analyzes too), an analyze, or nothing. */
export function chooseMaintenance(counters: TableCounters): "vacuum" | "analyze" | null {
  const size = counters.liveRows;
  if (counters.deadRows > rules.vacuum.threshold + rules.vacuum.scale * size) return "vacuum";
  if (counters.changedSinceAnalyze > rules.analyze.threshold + rules.analyze.scale * size) return "analyze";
  return null;
}

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One pass over the public tables: vacuums and analyzes those past autovacuum's thresholds. */
export async function runEmbeddedAutovacuum(pglite: PGlite): Promise<AutovacuumPass> {
  // This backend's counters reach the statistics views only when flushed, and a single-process server never idles long enough to flush them by itself.
  const started = performance.now();
  await pglite.query("SELECT pg_stat_force_next_flush()");
  const { rows } = await pglite.query<{
    table: string;
    live: number;
    dead: number;
    changed: number;
  }>(
    `SELECT relname AS table, n_live_tup::float8 AS live, n_dead_tup::float8 AS dead,
       n_mod_since_analyze::float8 AS changed
     FROM pg_stat_user_tables WHERE schemaname = 'public'`,
  );
  const pass: AutovacuumPass = { vacuumed: [], analyzed: [], milliseconds: 0 };
  for (const row of rows) {
    const action = chooseMaintenance({
      table: row.table,
      liveRows: row.live,
      deadRows: row.dead,
      changedSinceAnalyze: row.changed,
    });
    if (action === "vacuum") {
      await pglite.exec(`VACUUM (ANALYZE) ${quoteIdentifier(row.table)}`);
      pass.vacuumed.push(row.table);
    } else if (action === "analyze") {
      await pglite.exec(`ANALYZE ${quoteIdentifier(row.table)}`);
      pass.analyzed.push(row.table);
    }
  }
  pass.milliseconds = performance.now() - started;
  return pass;
}

const slowPassMs = 1000;

/** How often the embedded database is looked at: a look costs two small statements; the work is done only past the thresholds. */
export const autovacuumEveryMs = 10_000;

/**
 * Runs a pass every `everyMs` until stopped; passes never overlap, and a
 * failed one is logged and tried again at the next tick. The stop waits for
 * a pass under way, so the database can close after it.
 */
export function startEmbeddedAutovacuum(pglite: PGlite, everyMs = autovacuumEveryMs): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= runEmbeddedAutovacuum(pglite)
      .then((pass) => {
        // As log_autovacuum_min_duration would: the passes long enough to be felt (the database waits for them).
        if (pass.milliseconds >= slowPassMs)
          console.log(
            `[database] vacuumed ${pass.vacuumed.join(", ") || "nothing"} and analyzed ${pass.analyzed.join(", ") || "nothing"} in ${(pass.milliseconds / 1000).toFixed(1)} s`,
          );
      })
      .catch((error: unknown) => console.error("[database] vacuuming the embedded database failed:", error))
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
