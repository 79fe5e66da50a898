import { highlightOutput, type SegmentKind } from "@/lib/preferthinker/highlight-output";

const styles: Record<SegmentKind, string> = {
  tag: "font-semibold text-slate-500",
  profile: "bg-violet-100 text-violet-950",
  heading: "font-semibold text-slate-900",
  score: "bg-sky-50 text-sky-950",
  total: "bg-amber-100 text-amber-950",
  answer: "bg-emerald-100 font-semibold text-emerald-950",
  reasoning: "text-slate-700",
  outside: "bg-red-100 text-red-900 underline decoration-wavy decoration-red-500",
};

const legend: [SegmentKind, string][] = [
  ["profile", "profile attribute"],
  ["score", "score and rationale"],
  ["total", "total"],
  ["answer", "answer"],
  ["outside", "outside the blocks"],
];

/** The raw output with the parts the parser read marked, and a legend; the text itself is unchanged, so it can be copied as it was. */
export function HighlightedOutput({ output }: { output: string }) {
  const segments = highlightOutput(output);
  return (
    <div className="space-y-2">
      <ul className="flex flex-wrap gap-2 text-xs" aria-label="Legend of the marked parts">
        {legend
          .filter(([kind]) => kind !== "outside" || segments.some((segment) => segment.kind === "outside"))
          .map(([kind, text]) => (
            <li key={kind} className={`rounded px-1.5 py-0.5 ${styles[kind]}`}>
              {text}
            </li>
          ))}
      </ul>
      <pre
        className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-white p-3 font-mono text-xs leading-relaxed"
        data-testid="highlighted-output"
      >
        {segments.map((segment, index) => (
          <span key={index} className={styles[segment.kind]} data-part={segment.kind}>
            {segment.text}
          </span>
        ))}
      </pre>
    </div>
  );
}
