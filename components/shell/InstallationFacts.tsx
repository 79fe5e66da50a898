import type { InstallationSummary } from "@/lib/db/server-starts";

const formatDate = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** When this installation began and how often it has started: proof that its data persists. */
export function InstallationFacts({ summary }: { summary: InstallationSummary | null }) {
  if (!summary?.installedAt || !summary.lastStartedAt) return null;
  return (
    <p className="text-sm text-slate-500" data-testid="installation-facts">
      Installed {formatDate(summary.installedAt)} · started {summary.starts} {summary.starts === 1 ? "time" : "times"} ·
      last start {formatDate(summary.lastStartedAt)}
    </p>
  );
}
