import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineRoute } from "@/lib/http/define-route";
import { getDemoBenchmark, resolveDemoImagePath } from "@/lib/server/demo/read-demo-benchmark";

/** GET /api/demo/images/<path>: one demo picture. Cached for a day: it changes only when the generator does. */
export const GET = defineRoute({ access: "own-data", params: { path: z.array(z.string()) } }, async ({ params }) => {
  const demo = await getDemoBenchmark();
  const path = demo ? resolveDemoImagePath(demo, params.path.join("/")) : null;
  const size = path
    ? await stat(path).then(
        (found) => found.size,
        () => null,
      )
    : null;
  if (!path || size === null) throw new AppError("not_found", "No such demo picture.");
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      "Content-Type": "image/jpeg",
      "Content-Length": String(size),
      "Cache-Control": "private, max-age=86400",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
