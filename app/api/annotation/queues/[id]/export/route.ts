import { z } from "zod";
import { readSearchParams, route } from "@/lib/auth/route";
import { exportAnnotationsJsonl, exportShareGptZip } from "@/lib/server/annotation/export-queue";
import { getManagedQueue } from "@/lib/server/annotation/get-reachable-queue";

const exportQuerySchema = z.object({ format: z.enum(["sharegpt", "jsonl"]) });

/**
 * GET /api/annotation/queues/:id/export?format=sharegpt|jsonl: accepted items as a zipped fine-tuning dataset, or every
 * annotation as JSON Lines (docs/formats.md). Both are streamed as they are read, so they carry no Content-Length.
 */
export const GET = route<"annotation-queues", { id: string }>(
  "annotation-queues",
  async ({ request, params, database, actor }) => {
    const { format } = readSearchParams(request, exportQuerySchema);
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
