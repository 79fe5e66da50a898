import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { benchmarkSubsets } from "@/lib/preferthinker/benchmark-format";
import { getDemoBenchmark } from "@/lib/server/demo/read-demo-benchmark";
import { demoSamplePageSchema } from "@/lib/demo/demo-contract";
import { jsonResponse } from "@/lib/http/json-response";

const demoSamplesQuerySchema = z.object({
  subset: z.enum(benchmarkSubsets, { error: `subset must be one of ${benchmarkSubsets.join(", ")}.` }),
  offset: z.coerce.number({ error: "offset must be a whole number." }).int().min(0).default(0),
  limit: z.coerce.number({ error: "limit must be a whole number from 1 to 100." }).int().min(1).max(100).default(24),
});

/** GET /api/demo/samples?subset=TEST_SP_ID&offset=0&limit=24: demo samples of one subset, in file order. */
export const GET = defineRoute({ access: "own-data", query: demoSamplesQuerySchema }, async ({ query }) => {
  const demo = await getDemoBenchmark();
  if (!demo) throw new AppError("not_found", "The demo benchmark is not available on this installation.");
  const all = demo.samples.get(query.subset) ?? [];
  const end = query.offset + query.limit;
  return jsonResponse(demoSamplePageSchema, {
    samples: all.slice(query.offset, end),
    total: all.length,
    nextOffset: end < all.length ? end : null,
  });
});
