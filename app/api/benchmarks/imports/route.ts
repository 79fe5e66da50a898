import { importBenchmarkSchema, benchmarkSubsetsSchema } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { defineRoute } from "@/lib/http/define-route";
import { toSubsetJson } from "@/lib/server/benchmarks/benchmark-json";
import { importBenchmarkSubsets } from "@/lib/server/benchmarks/import-benchmark-subset";
import { runOneImportPerPerson } from "@/lib/server/benchmarks/one-import-per-person";
import { resolveImportFolder } from "@/lib/server/benchmarks/resolve-import-folder";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/benchmarks/imports {folder, subsets?}: imports subsets from a folder inside the demo or BENCHMARK_DIR, all or nothing; 201 {subsets}. */
export const POST = defineRoute(
  { access: "benchmarks", body: importBenchmarkSchema },
  async ({ body, database, actor }) => {
    const folder = resolveImportFolder(getConfig(), body.folder);
    const subsets = await runOneImportPerPerson(actor.userId, () =>
      importBenchmarkSubsets(database, actor.userId, {
        folder: folder.path,
        source: folder.label,
        subsets: body.subsets,
      }),
    );
    return jsonResponse(benchmarkSubsetsSchema, { subsets: subsets.map(toSubsetJson) }, { status: 201 });
  },
);
