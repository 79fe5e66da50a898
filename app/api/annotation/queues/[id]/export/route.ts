import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { exportAnnotationsJsonl, exportShareGptZip } from "@/lib/server/annotation/export-queue";
import { getManagedQueue } from "@/lib/server/annotation/get-reachable-queue";

const exportQuerySchema = z.object({ format: z.enum(["sharegpt", "jsonl"]) });

/**
 * GET /api/annotation/queues/:id/export?format=sharegpt|jsonl: accepted items as a zipped fine-tuning dataset, or every
 * annotation as JSON Lines (docs/formats.md). Both are streamed as they are read, so they carry no Content-Length.
 */
export const GET = defineRoute(
  { access: "annotation-queues", params: { id: "annotation queue" }, query: exportQuerySchema },
  async ({ request, params, query: { format }, database, actor }) => {
    const queue = await getManagedQueue(database, actor, params.id);
    const name = `annotations-${queue.id.slice(0, 8)}`;
    if (format === "jsonl") {
      return new Response(exportAnnotationsJsonl(database, queue, { signal: request.signal }), {
        headers: {
          "Content-Type": "application/x-ndjson; charset=utf-8",
          "Content-Disposition": `attachment; filename="${name}.jsonl"`,
          "Cache-Control": "no-store",
        },
      });
    }
    return new Response(exportShareGptZip(database, queue, { signal: request.signal }), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${name}-sharegpt.zip"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
