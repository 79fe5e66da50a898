/** A coloured dot with its meaning in words beside it, never colour alone. */
export function StatusDot({ tone, label }: { tone: "ok" | "warn" | "error" | "idle"; label: string }) {
  const colour = { ok: "bg-emerald-500", warn: "bg-amber-500", error: "bg-red-500", idle: "bg-slate-400" }[tone];
  return (
    <span className="inline-flex items-center gap-2 text-sm font-medium">
      <span className={`h-2.5 w-2.5 rounded-full ${colour}`} aria-hidden="true" />
      {label}
    </span>
  );
}
