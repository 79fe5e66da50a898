"use client";

import type { Health } from "@/lib/health/health-schema";
import { StatusDot } from "@/components/ui/StatusDot";
import { useHealth } from "./use-health";

function DatabaseStatus({ database }: { database: Health["database"] }) {
  const kind = database.kind === "embedded" ? "Embedded PostgreSQL (PGlite)" : "PostgreSQL server";
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Database</dt>
      <dd className="mt-1 space-y-1">
        <StatusDot tone={database.ok ? "ok" : "error"} label={database.ok ? `${kind}: answering` : `${kind}: not answering`} />
        {database.ok && database.latencyMs !== null && <p className="text-xs text-slate-500">Round trip {database.latencyMs} ms</p>}
        {database.message && <p className="text-sm text-red-700">{database.message}</p>}
      </dd>
    </div>
  );
}

function ModelStatus({ model }: { model: Health["model"] }) {
  return (
    <div>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">Model server</dt>
      <dd className="mt-1 space-y-1">
        {model.configured ? (
          <>
            <StatusDot tone={model.ok ? "ok" : "error"} label={model.ok ? `Serving ${model.model}` : "Not available"} />
            <p className="break-all text-xs text-slate-500">{model.url}</p>
          </>
        ) : (
          <StatusDot tone="idle" label="Not configured" />
        )}
        {model.message && <p className={`text-sm ${model.configured ? "text-red-700" : "text-slate-600"}`}>{model.message}</p>}
      </dd>
    </div>
  );
}

/** Live health of the database and the model server. */
export function HealthPanel() {
  const { data: health, error, isPending } = useHealth();
  return (
    <section aria-labelledby="health-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 id="health-heading" className="text-base font-semibold">System health</h2>
        {health && <span className="text-xs text-slate-500">v{health.version}</span>}
      </div>
      <div aria-live="polite" className="mt-4">
        {isPending && <p className="text-sm text-slate-500">Checking…</p>}
        {error && <StatusDot tone="error" label={`Cannot reach the server: ${error.message}`} />}
        {health && (
          <dl className="grid gap-5 sm:grid-cols-2">
            <DatabaseStatus database={health.database} />
            <ModelStatus model={health.model} />
          </dl>
        )}
      </div>
    </section>
  );
}
