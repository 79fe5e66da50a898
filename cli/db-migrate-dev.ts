/**
 * `npm run db:migrate:dev -- <name> [--draft]`: authors a new migration from
 * the difference between prisma/migrations and prisma/schema.prisma, then
 * regenerates the client. The app applies it on its next start, or run
 * `npm run db:migrate`.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { authorMigration } from "@/lib/db/author-migration";
import { runCli } from "./run-cli";

runCli(async (args) => {
  const name = args.filter((arg) => !arg.startsWith("-")).join("_");
  if (!name) throw new Error("Name the migration: npm run db:migrate:dev -- add_images");
  const folder = await authorMigration({
    schemaPath: resolve("prisma/schema.prisma"),
    migrationsDir: resolve("prisma/migrations"),
    name,
    draft: args.includes("--draft"),
  });
  if (!folder) {
    console.log("The schema matches the migrations already: nothing to write.");
    return;
  }
  console.log(`Wrote prisma/migrations/${folder}/migration.sql`);
  const generate = spawnSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
  if (generate.status !== 0) throw new Error("prisma generate failed");
  console.log("It will be applied on the next start, or now with: npm run db:migrate");
});
