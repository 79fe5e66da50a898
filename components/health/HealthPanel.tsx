"use client";

import { baselineNames } from "@/lib/assessments/provider-label";
import type { Health } from "@/lib/health/health-contract";
import { StatusDot } from "@/components/ui/StatusDot";
import { useHealth } from "./use-health";

type DatabaseReport = NonNullable<Health["database"]>;
type ModelReport = NonNullable<Health["model"]>;

const overallLabels: Record<Health["status"], { tone: "ok" | "warn" | "error"; label: string }> = {
  ok: { tone: "ok", label: "Everything answers" },
  degraded: { tone: "warn", label: "The database answers; the model server does not" },
  error: { tone: "error", label: "The database does not answer" },
};

function DatabaseStatus({ database }: { database: DatabaseReport }) {
  const kind = database.kind === "embedded" ? "Embedded PostgreSQL (PGlite)" : "PostgreSQL server";
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Database</dt>
      <dd className="mt-1 space-y-1">
        <StatusDot
          tone={database.ok ? "ok" : "error"}
          label={database.ok ? `${kind}: answering` : `${kind}: not answering`}
        />
        {database.ok && database.latencyMs !== null && (
          <p className="text-xs text-slate-500">Round trip {database.latencyMs} ms</p>
        )}
        {database.message && <p className="text-sm text-red-700">{database.message}</p>}
      </dd>
    </div>
  );
}

/** A model server when one is configured; otherwise the built-in baseline, which always answers. */
function AssessorStatus({ model }: { model: ModelReport }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {model.configured ? "Model server" : "Assessor"}
      </dt>
      <dd className="mt-1 space-y-1">
        {model.configured ? (
          <>
            <StatusDot
              tone={model.ok ? "ok" : "error"}
              label={model.ok ? (model.model ? `Serving ${model.model}` : "Answering") : "Not available"}
            />
            {model.url && <p className="break-all text-xs text-slate-500">{model.url}</p>}
          </>
        ) : (
          <StatusDot tone="ok" label={`${baselineNames.assessor}: ready`} />
        )}
        {model.message && (
          <p className={`text-sm ${model.configured ? "text-red-700" : "text-slate-600"}`}>{model.message}</p>
        )}
      </dd>
    </div>
  );
}

/** Live health of the database and of what runs assessments (a model server, or the built-in baseline). */
export function HealthPanel() {
  const { data: health, error, isPending } = useHealth();
  return (
    <section aria-labelledby="health-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 id="health-heading" className="text-base font-semibold">
          System health
        </h2>
        {health?.version && <span className="text-xs text-slate-500">v{health.version}</span>}
      </div>
      <div aria-live="polite" className="mt-4">
        {isPending && <p className="text-sm text-slate-500">Checking…</p>}
        {error && <StatusDot tone="error" label={`Cannot reach the server: ${error.message}`} />}
        {health && (
          <dl className="grid gap-5 sm:grid-cols-2">
            {/* A report without its parts (one for visitors who are not signed in) still says how things stand overall. */}
            {!health.database && !health.model && (
              <div>
                <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Status</dt>
                <dd className="mt-1 space-y-1">
                  <StatusDot tone={overallLabels[health.status].tone} label={overallLabels[health.status].label} />
                  <p className="text-xs text-slate-500">Sign in to see the database and the assessor.</p>
                </dd>
              </div>
            )}
            {health.database && <DatabaseStatus database={health.database} />}
            {health.model && <AssessorStatus model={health.model} />}
          </dl>
        )}
      </div>
    </section>
  );
}
