/**
 * Child of bench/crash-durability.ts: opens the database the way the app
 * does and inserts rows one by one, printing each id once its insert has
 * been acknowledged, until it is killed.
 */
import { openDatabase } from "@/lib/db/open-database";

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR!,
});
process.stdout.write("ready\n");
for (let index = 0; ; index++) {
  const row = await database.prisma.serverStart.create({
    data: { version: `probe-${index}`, databaseKind: database.kind },
  });
  process.stdout.write(`${row.version}\n`);
}
