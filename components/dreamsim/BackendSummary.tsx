import type { LoadedModel } from "@/lib/dreamsim/worker-protocol";

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

/** Which model and runtime ran, and how long loading took. */
export function BackendSummary({ model }: { model: LoadedModel }) {
  const { manifest, backend, loadMs } = model;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm" data-testid="dreamsim-backend">
      <dt className="text-slate-500">Model</dt>
      <dd data-variant={`${manifest.variant} (${manifest.precision})${manifest.isTestModel ? ", test model" : ""}`}>
        {manifest.variant} ({manifest.precision})
        {manifest.isTestModel && (
          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
            test model: random weights, not DreamSim
          </span>
        )}
      </dd>
      <dt className="text-slate-500">Backend</dt>
      <dd data-testid="dreamsim-backend-label">
        {backend.label}
        {backend.fallbackReason && <span className="text-slate-500"> (WebGPU not used: {backend.fallbackReason})</span>}
      </dd>
      <dt className="text-slate-500">Model load</dt>
      <dd data-testid="dreamsim-load-time" data-total-ms={loadMs.total.toFixed(1)}>
        {ms(loadMs.total)} (download {ms(loadMs.download)}, hash check {ms(loadMs.verify)}, session {ms(loadMs.session)}
        )
      </dd>
    </dl>
  );
}
