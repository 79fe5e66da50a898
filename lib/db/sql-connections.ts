import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import type { Client } from "pg";
import type { SqlConnection } from "./migrations";

/** The migration runner's view of an embedded database. */
export function pgliteConnection(database: PGlite): SqlConnection {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      return (await database.query<Row>(sql, params)).rows;
    },
    async execScript(sql: string) {
      await database.exec(sql);
    },
  };
}

/** The migration runner's view of one PostgreSQL server connection. */
export function pgConnection(client: Client): SqlConnection {
  return {
    async query<Row>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as Row[];
    },
    async execScript(sql: string) {
      // Without parameters pg uses the simple protocol, which runs several statements.
      await client.query(sql);
    },
  };
}
