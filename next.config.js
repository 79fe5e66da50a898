import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

/** @type {import("next").NextConfig} */
const nextConfig = {
  env: { STUDIO_VERSION: version },
  poweredByHeader: false,
  // Loaded by Node at run time, not bundled: PGlite reads its WebAssembly and
  // data files next to its own modules, and one copy must serve the process.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
};

export default nextConfig;
