import { describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/test-databases";
import { runExclusively } from "./job-lock";

/** Start-up jobs that several instances share run in one of them at a time; the others skip them. */

describe("a job under its advisory lock", () => {
  it("is skipped by a second instance while the first runs it, and runs again once the first is done", async () => {
    const { databaseUrl } = await createTestDatabase("postgres");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));

    const first = runExclusively(databaseUrl, "imageSweep", async () => {
      started();
      await held;
      return "swept";
    });
    await isStarted;
    await expect(runExclusively(databaseUrl, "imageSweep", async () => "swept twice")).resolves.toEqual({
      ran: false,
    });
    // Another job's lock is its own.
    await expect(runExclusively(databaseUrl, "sessionSweep", async () => 3)).resolves.toEqual({ ran: true, value: 3 });
    release();
    await expect(first).resolves.toEqual({ ran: true, value: "swept" });
    await expect(runExclusively(databaseUrl, "imageSweep", async () => "swept again")).resolves.toEqual({
      ran: true,
      value: "swept again",
    });
  });

  it("with wait, runs after the first has finished instead of skipping", async () => {
    const { databaseUrl } = await createTestDatabase("postgres");
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const first = runExclusively(databaseUrl, "demoBenchmark", async () => {
      started();
      await held;
      order.push("first");
    });
    await isStarted;
    const second = runExclusively(databaseUrl, "demoBenchmark", async () => order.push("second"), { wait: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(order).toEqual([]);
    release();
    await first;
    await expect(second).resolves.toEqual({ ran: true, value: 2 });
    expect(order).toEqual(["first", "second"]);
  });

  it("lets go of the lock when the job fails", async () => {
    const { databaseUrl } = await createTestDatabase("postgres");
    await expect(
      runExclusively(databaseUrl, "demoBenchmark", async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrowError("disk full");
    await expect(runExclusively(databaseUrl, "demoBenchmark", async () => "written")).resolves.toEqual({
      ran: true,
      value: "written",
    });
  });

  it("simply runs with the embedded database, which one process owns", async () => {
    await expect(runExclusively(undefined, "sessionSweep", async () => 1)).resolves.toEqual({ ran: true, value: 1 });
  });
});
