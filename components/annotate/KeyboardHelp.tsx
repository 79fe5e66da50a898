import { keyHelp } from "./keyboard-keys";

/** The list of keys, shown on request (?). */
export function KeyboardHelp() {
  return (
    <section aria-labelledby="keys-heading" className="rounded-xl border border-slate-200 bg-slate-50 p-4">
      <h2 id="keys-heading" className="text-sm font-semibold">
        Keys
      </h2>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        {keyHelp.map((entry) => (
          <div key={entry.keys} className="contents">
            <dt className="font-mono text-xs text-slate-700">{entry.keys}</dt>
            <dd className="text-slate-700">{entry.action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
