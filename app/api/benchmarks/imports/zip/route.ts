import { importZipQuerySchema, benchmarkSubsetsSchema } from "@/lib/benchmarks/benchmark-contract";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { toSubsetJson } from "@/lib/server/benchmarks/benchmark-json";
import { importBenchmarkZip } from "@/lib/server/benchmarks/import-benchmark-zip";
import { runOneImportPerPerson } from "@/lib/server/benchmarks/one-import-per-person";
import { jsonResponse } from "@/lib/http/json-response";

/**
 * POST /api/benchmarks/imports/zip?name=<file>&subsets=<A,B>: a benchmark
 * folder uploaded as a zip (the body, `application/zip`), imported all or
 * nothing like a server folder; 201 {subsets}. One import per person at a
 * time (409 while one runs, folder or zip).
 */
export const POST = defineRoute(
  { access: "benchmarks", query: importZipQuerySchema },
  async ({ request, query, database, actor }) => {
    const { name, subsets } = query;
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
    return jsonResponse(benchmarkSubsetsSchema, { subsets: imported.map(toSubsetJson) }, { status: 201 });
  },
);
