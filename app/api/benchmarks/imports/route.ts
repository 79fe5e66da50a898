import { readJsonBody, route } from "@/lib/auth/route";
import { importBenchmarkSchema } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { toSubsetJson } from "@/lib/server/benchmarks/benchmark-json";
import { importBenchmarkSubsets } from "@/lib/server/benchmarks/import-benchmark-subset";
import { runOneImportPerPerson } from "@/lib/server/benchmarks/one-import-per-person";
import { resolveImportFolder } from "@/lib/server/benchmarks/resolve-import-folder";

/** POST /api/benchmarks/imports {folder, subsets?}: imports subsets from a folder inside the demo or BENCHMARK_DIR, all or nothing; 201 {subsets}. */
export const POST = route("benchmarks", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, importBenchmarkSchema);
  const folder = resolveImportFolder(getConfig(), body.folder);
  const subsets = await runOneImportPerPerson(actor.userId, () =>
    importBenchmarkSubsets(database, actor.userId, {
      folder: folder.path,
      source: folder.label,
      subsets: body.subsets,
    }),
  );
  return Response.json({ subsets: subsets.map(toSubsetJson) }, { status: 201 });
});
