import { defineConfig } from "prisma/config";

// The URL is only used by Prisma's own CLI on machines that have its native
// engines; the app connects through driver adapters (lib/db).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/preferthinker_studio" },
});
