import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
    writeFileSync(`${folder}.lock`, "{\"pid\":");
    acquireDataDirLock(folder).release();
  });
});
