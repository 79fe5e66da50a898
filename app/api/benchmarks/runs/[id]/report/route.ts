import { defineRoute } from "@/lib/http/define-route";
import { renderRunReport } from "@/lib/server/benchmarks/run-report";

/** GET /api/benchmarks/runs/:id/report: the run as one self-contained HTML file (settings, intervals, swap figures, error analysis, the first wrong answers with their pictures). */
export const GET = defineRoute(
  { access: "benchmarks", params: { id: "evaluation run" } },
  async ({ params, database, actor }) => {
    const report = await renderRunReport(database, actor, params.id);
    return new Response(report.html, {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Disposition": `attachment; filename="${report.fileName}"`,
        // Opened from disk or the download, it must not run anything: it holds none, and says so.
        "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
        "Cache-Control": "no-store",
      },
    });
  },
);
