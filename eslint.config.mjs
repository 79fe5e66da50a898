import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

/**
 * Module boundaries of docs/architecture.md, enforced as errors:
 * - app/ is a leaf: nothing imports it;
 * - server modules (the folders and files listed below) start with `import "server-only"`, and neither
 *   components/ nor the lib/ modules shared with the browser import them (types are fine: they vanish);
 * - lib/ never imports app/ or components/;
 * - lib/db is below lib/auth: it never imports it (auth builds on the database, not the reverse);
 * - only lib/db imports Prisma and the database drivers;
 * - lib/preferthinker and lib/taste import nothing from Node, React, Next or the app.
 */

/** Folders whose every module runs on the server alone. */
const serverFolders = ["lib/db", "lib/inference", "lib/server", "lib/auth", "lib/images"];
/** Server modules in folders otherwise shared with the browser (and lib/config.ts). */
const serverFiles = [
  "lib/config",
  "lib/http/assert-allowed-host",
  "lib/http/define-route",
  "lib/http/error-response",
  "lib/http/read-bounded-body",
  "lib/demo/write-demo-benchmark",
  "lib/taste/baseline-features",
];
/** Contracts the pages share, kept beside the server code they describe. */
const sharedInServerFolders = ["lib/images/image-contract"];

const serverModuleFiles = [
  ...serverFolders.map((folder) => `${folder}/**/*.{ts,tsx}`),
  ...serverFiles.map((file) => `${file}.ts`),
];
const serverModuleIgnores = [
  "**/*.test.{ts,tsx}",
  "lib/db/generated/**",
  ...sharedInServerFolders.map((file) => `${file}.ts`),
];
/** Import paths naming a server module: through the alias or a relative path, or a server file's sibling. */
const serverModuleImports = [
  ...serverFolders.map((folder) => `**/${folder}/*`),
  ...serverFiles.flatMap((file) => [`**/${file}`, `./${file.split("/").pop()}`]),
  ...sharedInServerFolders.map((file) => `!**/${file}`),
];

const appIsALeaf = {
  group: ["@/app/*", "**/app/*"],
  message: "app/ is a leaf: move shared code to lib/ or components/.",
};
const databaseOnlyInLibDb = {
  group: ["@prisma/*", "**/generated/prisma*", "@electric-sql/pglite", "pg", "pglite-prisma-adapter"],
  message: "Only lib/db talks to the database: call a lib/db function instead.",
};
const serverModulesFromComponents = {
  group: serverModuleImports,
  message: "components/ runs in the browser too: pass server data in as props, or fetch it from an API route.",
  allowTypeImports: true,
};
const serverModulesFromSharedLib = {
  group: serverModuleImports,
  message: "This module is shared with the browser: it may import a server module's types, never its code.",
  allowTypeImports: true,
};
const authFromDb = {
  group: ["@/lib/auth", "@/lib/auth/*", "**/lib/auth/*", "../auth", "../auth/*"],
  message: "lib/db is below lib/auth: pass what it needs in as values, or move the shared piece into lib/db.",
};
const uiFromLib = { group: ["@/components/*"], message: "lib/ must not depend on the UI." };

const restrict = (...patterns) => ({
  "no-restricted-imports": "off",
  "@typescript-eslint/no-restricted-imports": ["error", { patterns }],
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/db/generated/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  { files: ["**/*.{ts,tsx,mjs,js}"], rules: restrict(appIsALeaf, databaseOnlyInLibDb) },
  // Test harnesses make and inspect databases of their own; API tests call route handlers.
  { files: ["bench/**", "e2e/**", "**/*.test.ts"], rules: restrict(appIsALeaf) },
  { files: ["test/**"], rules: restrict() },
  { files: ["components/**"], rules: restrict(appIsALeaf, databaseOnlyInLibDb, serverModulesFromComponents) },
  { files: ["lib/**"], ignores: ["lib/db/**"], rules: restrict(appIsALeaf, databaseOnlyInLibDb, uiFromLib) },
  {
    // Shared lib/ modules end up in browser bundles through components/.
    files: ["lib/**/*.{ts,tsx}"],
    ignores: [...serverModuleFiles, "**/*.test.{ts,tsx}", ...sharedInServerFolders.map((file) => `!${file}.ts`)],
    rules: restrict(appIsALeaf, databaseOnlyInLibDb, uiFromLib, serverModulesFromSharedLib),
  },
  { files: ["lib/db/**"], rules: restrict(appIsALeaf, uiFromLib, authFromDb) },
  {
    // The protocol library is shared by the server, the browser and the CLI.
    files: ["lib/preferthinker/**"],
    ignores: ["**/*.test.ts", "lib/preferthinker/__fixtures__/**"],
    rules: restrict(appIsALeaf, databaseOnlyInLibDb, uiFromLib, {
      group: [
        "node:*",
        "fs",
        "path",
        "os",
        "crypto",
        "react",
        "react-dom",
        "next",
        "next/*",
        "@/lib/*",
        "!@/lib/preferthinker/*",
        "server-only",
        "client-only",
      ],
      message: "lib/preferthinker is pure TypeScript: no Node, React, Next or app modules.",
    }),
  },
  {
    // The taste quiz's model runs in the browser, on the server and in bench/: pure like the protocol library.
    files: ["lib/taste/**"],
    ignores: ["**/*.test.ts", "lib/taste/baseline-features.ts"],
    rules: restrict(appIsALeaf, databaseOnlyInLibDb, uiFromLib, {
      group: [
        "node:*",
        "fs",
        "path",
        "os",
        "crypto",
        "react",
        "react-dom",
        "next",
        "next/*",
        "@/lib/*",
        "!@/lib/taste/*",
        "!@/lib/preferthinker",
        "!@/lib/preferthinker/*",
        "server-only",
        "client-only",
      ],
      message:
        "lib/taste is pure TypeScript: no Node, React, Next or app modules (the server-side adapter is baseline-features.ts).",
    }),
  },
  { files: ["app/**"], rules: restrict(databaseOnlyInLibDb) },
  {
    files: serverModuleFiles,
    ignores: serverModuleIgnores,
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "Program > :first-child:not(ImportDeclaration[source.value='server-only'])",
          message: 'Server modules start with import "server-only", so a browser bundle can never include them.',
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format); ESLint keeps to what the code means.
  prettier,
]);
