import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirInUseError, findDataDirOwner } from "./data-dir-lock";

const root = mkdtempSync(join(tmpdir(), "studio-lock-"));
const freshFolder = () => join(mkdtempSync(join(root, "data-")), "db");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("data folder lock", () => {
  it("refuses a second owner and names the first", () => {
    const folder = freshFolder();
    const lock = acquireDataDirLock(folder);
    expect(() => acquireDataDirLock(folder)).toThrowError(DataDirInUseError);
    expect(() => acquireDataDirLock(folder)).toThrowError(new RegExp(`in use by process ${process.pid}`));
    lock.release();
    expect(existsSync(`${folder}.lock`)).toBe(false);
    acquireDataDirLock(folder).release();
  });

  it.runIf(process.platform === "linux")(
    "takes over the lock of a killed process not yet reaped (a zombie)",
    async () => {
      const folder = freshFolder();
      // The background sleep ends soon after its shell has become `sleep 5`, which never reaps it.
      const parent = spawn("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 5"], { stdio: ["ignore", "pipe", "ignore"] });
      const zombie = Number(
        (await new Promise<Buffer>((resolve) => parent.stdout.once("data", resolve))).toString().trim(),
      );
      try {
        await expect.poll(() => readFileSync(`/proc/${zombie}/stat`, "utf8").split(") ")[1]?.[0]).toBe("Z");
        writeFileSync(`${folder}.lock`, JSON.stringify({ pid: zombie, hostname: hostname(), startedAt: "then" }));
        expect(findDataDirOwner(folder)).toBeUndefined();
        acquireDataDirLock(folder).release();
      } finally {
        parent.kill("SIGKILL");
      }
    },
  );

  it("takes over the lock of a process that no longer exists", () => {
    const folder = freshFolder();
    // PIDs are below 2^22 on Linux, so this one cannot be alive.
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: 2 ** 22 + 7, hostname: hostname(), startedAt: "then" }));
    expect(findDataDirOwner(folder)).toBeUndefined();
    const lock = acquireDataDirLock(folder);
    expect(findDataDirOwner(folder)?.pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a half-written lock file", () => {
    const folder = freshFolder();
    writeFileSync(`${folder}.lock`, '{"pid":');
    acquireDataDirLock(folder).release();
  });
});
