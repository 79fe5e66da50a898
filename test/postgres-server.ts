import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throwaway PostgreSQL server for tests: initdb and pg_ctl from the
 * system's binaries (POSTGRES_BIN, or the newest /usr/lib/postgresql/N/bin),
 * in a temporary folder, on a free port of 127.0.0.1, removed on stop.
 * As root it runs as the `postgres` user, since PostgreSQL refuses root.
 */

export type PostgresServer = { url(database?: string): string; port: number; dataDir: string; stop(): void };

export function findPostgresBin(): string | undefined {
  if (process.env.POSTGRES_BIN)
    return existsSync(join(process.env.POSTGRES_BIN, "initdb")) ? process.env.POSTGRES_BIN : undefined;
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const newest = readdirSync(base)
    .filter((version) => existsSync(join(base, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(base, newest, "bin") : undefined;
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

function runAsPostgres(command: string, args: string[]): void {
  const [file, argv] = isRoot() ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}

/** Starts a server; `durable` keeps fsync on (tests turn it off for speed). */
export async function startPostgresServer(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL server binaries not found: apt-get install -y postgresql, or set POSTGRES_BIN");
  const folder = mkdtempSync(join(tmpdir(), "studio-pg-"));
  const dataDir = join(folder, "data");
  if (isRoot()) {
    chmodSync(folder, 0o755);
    execFileSync("chown", ["postgres:postgres", folder]);
  }
  const port = await findFreePort();
  runAsPostgres(join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  runAsPostgres(join(bin, "pg_ctl"), [
    "-D",
    dataDir,
    "-l",
    join(folder, "server.log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=${options.durable ? "on" : "off"} -c max_connections=200`,
    "start",
  ]);
  return {
    port,
    dataDir,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      try {
        runAsPostgres(join(bin, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
