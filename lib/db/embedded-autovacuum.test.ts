import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseMaintenance, runEmbeddedAutovacuum } from "./embedded-autovacuum";

const counters = (changes: Partial<Parameters<typeof chooseMaintenance>[0]>) => ({
  table: "t",
  liveRows: 10_000,
  deadRows: 0,
  changedSinceAnalyze: 0,
  ...changes,
});

describe("chooseMaintenance (autovacuum's default thresholds)", () => {
  it("vacuums once a fifth of the table plus 50 rows are dead", () => {
    expect(chooseMaintenance(counters({ deadRows: 2050 }))).toBeNull();
    expect(chooseMaintenance(counters({ deadRows: 2051 }))).toBe("vacuum");
  });

  it("analyzes once a tenth of the table plus 50 rows changed", () => {
    expect(chooseMaintenance(counters({ changedSinceAnalyze: 1050 }))).toBeNull();
    expect(chooseMaintenance(counters({ changedSinceAnalyze: 1051 }))).toBe("analyze");
  });

  it("analyzes a table that only grew, without vacuuming it (the process would wait for nothing)", () => {
    expect(chooseMaintenance(counters({ liveRows: 0, changedSinceAnalyze: 20_000 }))).toBe("analyze");
  });
});

describe("runEmbeddedAutovacuum", () => {
  let pglite: PGlite;
  beforeEach(async () => {
    pglite = await PGlite.create();
    await pglite.exec("CREATE TABLE task (id int PRIMARY KEY, run int NOT NULL, status text NOT NULL)");
    await pglite.exec("CREATE INDEX ON task (run, status, id)");
  });
  afterEach(() => pglite.close());

  const plannerRows = async () =>
    (await pglite.query<{ rows: number }>("SELECT reltuples::float8 AS rows FROM pg_class WHERE relname = 'task'"))
      .rows[0]!.rows;

  it("tells the planner how large a table grew, and reclaims the row versions updates left", async () => {
    await pglite.exec("INSERT INTO task SELECT g, 1, 'pending' FROM generate_series(1, 20000) g");
    // Never analyzed: the planner knows nothing of the 20,000 rows.
    expect(await plannerRows()).toBeLessThan(1);

    const first = await runEmbeddedAutovacuum(pglite);
    expect(first).toMatchObject({ vacuumed: [], analyzed: ["task"] });
    expect(await plannerRows()).toBe(20_000);

    await pglite.exec("UPDATE task SET status = 'done' WHERE id <= 8000");
    const second = await runEmbeddedAutovacuum(pglite);
    expect(second.vacuumed).toEqual(["task"]);
    await pglite.query("SELECT pg_stat_force_next_flush()");
    const { rows } = await pglite.query<{ dead: number }>(
      "SELECT n_dead_tup::float8 AS dead FROM pg_stat_user_tables WHERE relname = 'task'",
    );
    expect(rows[0]!.dead).toBe(0);
  });

  it("leaves a table alone while it changes little", async () => {
    await pglite.exec("INSERT INTO task SELECT g, 1, 'pending' FROM generate_series(1, 20000) g");
    await runEmbeddedAutovacuum(pglite);
    await pglite.exec("UPDATE task SET status = 'done' WHERE id <= 100");
    expect(await runEmbeddedAutovacuum(pglite)).toMatchObject({ vacuumed: [], analyzed: [] });
  });

  it("gives the planner a run's true size, so a join with its tasks is not planned for a handful of rows", async () => {
    await pglite.exec("INSERT INTO task SELECT g, 1, 'pending' FROM generate_series(1, 20000) g");
    await pglite.exec("INSERT INTO task SELECT g, 2, 'pending' FROM generate_series(20001, 20100) g");
    const estimate = async () => {
      const { rows } = await pglite.query<{ "QUERY PLAN": string }>("EXPLAIN SELECT id FROM task WHERE run = 1");
      return Number(/rows=(\d+)/.exec(rows[0]!["QUERY PLAN"])![1]);
    };
    // Never analyzed: a guess from the table's size on disk and a default selectivity.
    expect(await estimate()).toBeLessThan(1000);
    await runEmbeddedAutovacuum(pglite);
    expect(await estimate()).toBe(20_000);
  });
});
