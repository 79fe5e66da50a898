/**
 * Creates and migrates an embedded database in the given data folder, as the
 * app does on its first start, then closes it. Run as its own process with
 * the react-server condition, which the app's database modules require.
 *
 *   node --import tsx --conditions=react-server e2e/support/create-database-template.ts <data folder>
 */
import { openDatabase } from "../../lib/db/open-database";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: create-database-template.ts <data folder>");
await (await openDatabase({ databaseUrl: undefined, dataDir })).close();
