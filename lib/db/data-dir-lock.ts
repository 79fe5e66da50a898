import "server-only";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";

/**
 * The embedded database has no lock of its own: two processes opening the
 * same folder would each write their own diverging copy. Whoever opens the
 * folder first holds `<folder>.lock` (pid, host, time) until it closes; a
 * lock whose process is gone (after `kill -9`) is taken over.
 */

/** Where the embedded database of a data folder lives. */
export const embeddedDatabaseFolder = (dataDir: string) => resolve(dataDir, "db");

type LockOwner = { pid: number; hostname: string; startedAt: string };

export class DataDirInUseError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${folder} is already in use by process ${owner.pid} ` +
        `(started ${owner.startedAt}). Stop that process first, or set DATA_DIR to another folder.`,
    );
    this.name = "DataDirInUseError";
  }
}

export type DataDirLock = { readonly path: string; release(): void };

/**
 * A killed process stays a zombie until its parent reaps it, and answers
 * signal 0 meanwhile; when the launcher died with it, that can take a
 * while. On Linux its state in /proc says so: a zombie holds nothing.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (command) S …": the state follows the command's closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(lockPath, "utf8"));
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "pid" in parsed &&
      typeof parsed.pid === "number" &&
      "hostname" in parsed &&
      typeof parsed.hostname === "string"
    ) {
      const startedAt =
        "startedAt" in parsed && typeof parsed.startedAt === "string" ? parsed.startedAt : "at an unknown time";
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt };
    }
  } catch {
    // Missing or half-written lock file: treated as no owner.
  }
  return undefined;
}

/** Whoever holds the lock of `folder` right now, if anyone alive does. */
export function findDataDirOwner(folder: string): LockOwner | undefined {
  const owner = readOwner(`${folder}.lock`);
  if (!owner) return undefined;
  if (owner.hostname === hostname() && !isProcessAlive(owner.pid)) return undefined;
  return owner;
}

/** Takes the lock of `folder` or throws DataDirInUseError naming its holder. */
export function acquireDataDirLock(folder: string): DataDirLock {
  const lockPath = `${folder}.lock`;
  const me: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = findDataDirOwner(folder);
      if (owner) throw new DataDirInUseError(folder, owner);
      // Stale lock of a process that died: remove it and try once more; if
      // another process wins that race, the second attempt reports it.
      unlinkSync(lockPath);
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    let released = false;
    return {
      path: lockPath,
      release() {
        if (released) return;
        released = true;
        const owner = readOwner(lockPath);
        if (owner?.pid === me.pid && owner.startedAt === me.startedAt) unlinkSync(lockPath);
      },
    };
  }
  throw new DataDirInUseError(folder, readOwner(lockPath) ?? me);
}
