import { HealthPanel } from "@/components/health/HealthPanel";
import { AreaCard } from "@/components/shell/AreaCard";
import { InstallationFacts } from "@/components/shell/InstallationFacts";
import { areas } from "@/components/shell/areas";
import { getDatabase } from "@/lib/db/client";
import { getInstallationSummary } from "@/lib/db/server-starts";

// Reads the database on every request.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const summary = await getDatabase()
    .then(getInstallationSummary)
    .catch(() => null);
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-3xl font-semibold tracking-tight">PreferThinker Studio</h1>
        <p className="mt-2 max-w-3xl text-slate-600">
          Teach a model your visual taste from a few images you like and dislike, watch it reason about your preference
          profile attribute by attribute (art style, color, artistic medium, saturation, detail), and check its judgment
          against yours.
        </p>
      </section>
      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading" className="sr-only">
          Areas
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {areas.map((area) => (
            <li key={area.href}>
              <AreaCard area={area} />
            </li>
          ))}
        </ul>
      </section>
      <HealthPanel />
      <InstallationFacts summary={summary} />
    </div>
  );
}
