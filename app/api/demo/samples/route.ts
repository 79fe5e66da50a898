import { z } from "zod";
import { route } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { benchmarkSubsets } from "@/lib/preferthinker/benchmark-format";
import { getDemoBenchmark } from "@/lib/server/demo/read-demo-benchmark";

const query = z.object({
  subset: z.enum(benchmarkSubsets, { error: `subset must be one of ${benchmarkSubsets.join(", ")}` }),
  offset: z.coerce.number({ error: "offset must be a whole number" }).int().min(0).default(0),
  limit: z.coerce.number({ error: "limit must be a whole number from 1 to 100" }).int().min(1).max(100).default(24),
});

/** GET /api/demo/samples?subset=TEST_SP_ID&offset=0&limit=24: demo samples of one subset, in file order. */
export const GET = route("own-data", async ({ request }) => {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]!.message);
  const demo = await getDemoBenchmark();
  if (!demo) throw new AppError("not_found", "The demo benchmark is not available on this installation.");
  const all = demo.samples.get(parsed.data.subset) ?? [];
  const end = parsed.data.offset + parsed.data.limit;
  return Response.json({
    samples: all.slice(parsed.data.offset, end),
    total: all.length,
    nextOffset: end < all.length ? end : null,
  });
});
