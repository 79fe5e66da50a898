import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = {
  "@": fileURLToPath(new URL(".", import.meta.url)),
  "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,cli,components,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
          // Vitest's default leaves one core of two idle; many of these tests wait on child processes they start.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["{lib,cli,test}/**/*.db.test.ts"],
          globalSetup: ["test/postgres-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file makes databases of its own (uniquely named on the shared server), so files can run side by side.
          // A third worker was no faster in CI, where the production build shares the cores with these tests.
          maxWorkers: 2,
          // A test that wants the first account's demo import turns it on itself; the route harness sends Host studio.test, the public address.
          env: { DEMO_IMPORT: "off", PUBLIC_URL: "http://studio.test" },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "cluster",
          // Real app instances on one PostgreSQL server (test/cluster/cluster-harness.ts): one file at a time, for the machine's sake.
          include: ["test/cluster/**/*.cluster.test.ts"],
          globalSetup: ["test/cluster/global-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 600_000,
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
