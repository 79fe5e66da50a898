import { readSearchParams, route } from "@/lib/auth/route";
import { importZipQuerySchema } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { toSubsetJson } from "@/lib/server/benchmarks/benchmark-json";
import { importBenchmarkZip } from "@/lib/server/benchmarks/import-benchmark-zip";
import { runOneImportPerPerson } from "@/lib/server/benchmarks/one-import-per-person";

/**
 * POST /api/benchmarks/imports/zip?name=<file>&subsets=<A,B>: a benchmark
 * folder uploaded as a zip (the body, `application/zip`), imported all or
 * nothing like a server folder; 201 {subsets}. One import per person at a
 * time (409 while one runs, folder or zip).
 */
export const POST = route("benchmarks", async ({ request, database, actor }) => {
  const { name, subsets } = readSearchParams(request, importZipQuerySchema);
  const config = getConfig();
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > config.benchmarkUploadMaxBytes)
    throw new AppError(
      "payload_too_large",
      `The zip is larger than ${Math.round(config.benchmarkUploadMaxBytes / 2 ** 20)} MB (BENCHMARK_UPLOAD_MAX_MB).`,
    );
  if (!request.body) throw new AppError("bad_request", "The upload is empty: send the zip file as the request body.");
  const body = request.body;
  const imported = await runOneImportPerPerson(actor.userId, () =>
    importBenchmarkZip(database, actor.userId, {
      body,
      name,
      subsets,
      dataDir: config.dataDir,
      maxBytes: config.benchmarkUploadMaxBytes,
    }),
  );
  return Response.json({ subsets: imported.map(toSubsetJson) }, { status: 201 });
});
