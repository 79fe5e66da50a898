/**
 * What survives `kill -9` in each database mode. A writer process inserts
 * rows and reports each acknowledged insert; it is killed with SIGKILL at a
 * random moment; the database is then reopened (as the app would be after a
 * crash) and the acknowledged rows are counted. For PostgreSQL the server
 * itself is also killed with SIGKILL and restarted.
 *
 *   node --import tsx --conditions=react-server bench/crash-durability.ts [rounds]
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@/lib/db/open-database";
import { startPostgresServer, type PostgresServer } from "@/test/postgres-server";

const rounds = Number(process.argv[2] ?? 5);
const scratch = mkdtempSync(join(tmpdir(), "studio-crash-"));

type Round = { acknowledged: number; present: number; lostAcknowledged: number; reopenMs: number };

async function writeThenKill(
  env: Record<string, string>,
  killAfterMs: number,
  killServer?: () => void,
): Promise<string[]> {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/crash-writer.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const acknowledged: string[] = [];
  let buffer = "";
  let ready: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "ready") ready();
      else acknowledged.push(line);
    }
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  await isReady;
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  if (killServer) killServer();
  else child.kill("SIGKILL");
  if (killServer) child.kill("SIGKILL");
  await exited;
  return acknowledged;
}

async function countPresent(
  databaseUrl: string | undefined,
  dataDir: string,
  acknowledged: string[],
): Promise<Omit<Round, "acknowledged">> {
  const started = performance.now();
  const database = await openDatabase({ databaseUrl, dataDir });
  const reopenMs = Math.round(performance.now() - started);
  const rows = await database.prisma.serverStart.findMany({ select: { version: true } });
  await database.close();
  const present = new Set(rows.map((row) => row.version));
  return { present: present.size, lostAcknowledged: acknowledged.filter((id) => !present.has(id)).length, reopenMs };
}

function summarise(label: string, results: Round[]) {
  const sum = (key: keyof Round) => results.reduce((total, round) => total + round[key], 0);
  console.log(
    `${label}: ${results.length} kills, ${sum("acknowledged")} acknowledged inserts, ${sum("lostAcknowledged")} lost; ` +
      `rows present ${sum("present")}; reopen after crash ${Math.min(...results.map((r) => r.reopenMs))}-${Math.max(...results.map((r) => r.reopenMs))} ms`,
  );
}

async function embeddedRounds(): Promise<Round[]> {
  const results: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    const dataDir = mkdtempSync(join(scratch, "data-"));
    const acknowledged = await writeThenKill({ DATA_DIR: dataDir, DATABASE_URL: "" }, 1500 + Math.random() * 2000);
    results.push({ acknowledged: acknowledged.length, ...(await countPresent(undefined, dataDir, acknowledged)) });
  }
  return results;
}

function killPostmaster(server: PostgresServer) {
  const pid = Number(readFileSync(join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  process.kill(pid, "SIGKILL");
}

function restartPostgres(server: PostgresServer) {
  const bin = spawnSync("sh", ["-c", "ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1"], {
    encoding: "utf8",
  }).stdout.trim();
  const args = [
    "-D",
    server.dataDir,
    "-l",
    join(server.dataDir, "..", "restart.log"),
    "-w",
    "-o",
    `-p ${server.port} -k ${join(server.dataDir, "..")} -c listen_addresses=127.0.0.1`,
    "start",
  ];
  const [file, argv] =
    process.getuid?.() === 0
      ? ["runuser", ["-u", "postgres", "--", join(bin, "pg_ctl"), ...args]]
      : [join(bin, "pg_ctl"), args];
  // Backends of the killed postmaster may hold its shared memory a moment longer: retry.
  let result = spawnSync(file, argv, { encoding: "utf8" });
  for (let attempt = 0; attempt < 10 && result.status !== 0; attempt++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    result = spawnSync(file, argv, { encoding: "utf8" });
  }
  if (result.status !== 0) {
    const log = readFileSync(join(server.dataDir, "..", "restart.log"), "utf8");
    throw new Error(`pg_ctl start after the kill failed: ${result.stderr}${result.stdout}\n${log}`);
  }
}

async function postgresRounds(killTheServer: boolean): Promise<Round[]> {
  const server = await startPostgresServer({ durable: true });
  const results: Round[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const dataDir = mkdtempSync(join(scratch, "data-"));
      // Each round starts from an empty table so counts are per round.
      const reset = await openDatabase({ databaseUrl: server.url(), dataDir });
      await reset.prisma.serverStart.deleteMany();
      await reset.close();
      const acknowledged = await writeThenKill(
        { DATA_DIR: dataDir, DATABASE_URL: server.url() },
        1500 + Math.random() * 2000,
        killTheServer ? () => killPostmaster(server) : undefined,
      );
      if (killTheServer) {
        // The postmaster's children notice it died and exit; then restart it.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        restartPostgres(server);
      }
      results.push({ acknowledged: acknowledged.length, ...(await countPresent(server.url(), dataDir, acknowledged)) });
    }
  } finally {
    try {
      server.stop();
    } catch (error) {
      console.error(`(stopping the benchmark's server: ${(error as Error).message.split("\n")[0]})`);
    }
  }
  return results;
}

summarise("embedded (PGlite), app process killed", await embeddedRounds());
summarise("postgres, app process killed", await postgresRounds(false));
summarise("postgres, database server killed", await postgresRounds(true));
rmSync(scratch, { recursive: true, force: true });
process.exit(0);
