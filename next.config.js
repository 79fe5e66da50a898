import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));

// `npm test` type-checks the whole project as its first step, then builds once into a fresh
// folder: that build skips its own type check and the build cache, which only a later
// rebuild would read and which takes as long to write as a third of the build.
const testBuild = process.env.STUDIO_TEST_BUILD === "1";

/** @type {import("next").NextConfig} */
const nextConfig = {
  env: { STUDIO_VERSION: version },
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: testBuild },
  experimental: { turbopackFileSystemCacheForBuild: !testBuild },
  // Loaded by Node at run time, not bundled: PGlite reads its WebAssembly and
  // data files next to its own modules, and one copy must serve the process.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg"],
  async headers() {
    const everywhere = [
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    return [
      { source: "/:path*", headers: everywhere },
      // Pages get a nonce-based policy from proxy.ts; API answers are data, never documents to run.
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
