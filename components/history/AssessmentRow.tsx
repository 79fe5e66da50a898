import Link from "next/link";
import { Thumbnail } from "@/components/images/Thumbnail";
import type { AssessmentListItem } from "@/lib/assessments/assessment-contract";
import { describeModel, isBaselineProvider } from "@/lib/assessments/provider-label";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export const modeLabels = { reasoning: "Reasoning", fast: "Fast", single: "Single image" } as const;

const statusStyles: Record<AssessmentListItem["status"], { label: string; className: string }> = {
  queued: { label: "Waiting", className: "bg-slate-100 text-slate-700" },
  running: { label: "Running", className: "bg-brand-50 text-brand-900" },
  completed: { label: "Finished", className: "bg-emerald-50 text-emerald-800" },
  failed: { label: "Failed", className: "bg-red-50 text-red-800" },
  cancelled: { label: "Cancelled", className: "bg-slate-100 text-slate-700" },
};

function answerText(assessment: AssessmentListItem): string {
  if (assessment.answer) return assessment.answer;
  if (assessment.status === "queued" || assessment.status === "running") return "Not yet";
  return "No answer";
}

/** The person's judgment in words, and whether it is the model's answer (said in words, never by colour alone). */
function Judgment({ assessment }: { assessment: AssessmentListItem }) {
  const { judgment } = assessment;
  if (assessment.mode === "single") return <span className="text-slate-500">No A/B choice in single mode</span>;
  if (!judgment) return <span className="text-slate-500">Not judged yet</span>;
  const choice = judgment.choice === "tie" ? "No preference" : `Image ${judgment.choice}`;
  const who = isBaselineProvider(assessment.provider) ? "the baseline" : "the model";
  return (
    <span>
      {choice}
      {judgment.agreesWithModel === true && (
        <span className="block text-xs font-medium text-emerald-800">Agrees with {who}</span>
      )}
      {judgment.agreesWithModel === false && (
        <span className="block text-xs font-medium text-red-800">Disagrees with {who}</span>
      )}
    </span>
  );
}

/**
 * One past assessment: when, by which model, in which mode (and, for a swap
 * check, which run it repeated with A and B swapped), how it ended,
 * the candidates, the answer, the person's judgment and the issue count. The
 * whole card opens the stored result on the assess page.
 */
export function AssessmentRow({ assessment }: { assessment: AssessmentListItem }) {
  const status = statusStyles[assessment.status];
  const isBaseline = isBaselineProvider(assessment.provider);
  const issues = assessment.issueCodes.length;
  const createdAt = new Date(assessment.createdAt);
  return (
    <article
      className="relative flex gap-4 rounded-xl border border-slate-200 bg-white p-3 focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-600 hover:border-brand-600"
      data-testid="history-row"
      data-assessment-id={assessment.id}
    >
      <div className="flex shrink-0 gap-1.5">
        {assessment.candidateImageIds.map((id, index) => (
          <figure key={id} className="relative h-16 w-16 overflow-hidden rounded-md bg-slate-100">
            <Thumbnail imageId={id} alt={`Image ${index === 0 ? "A" : "B"}`} className="h-full w-full object-cover" />
            <figcaption
              aria-hidden="true"
              className="absolute left-0.5 top-0.5 rounded bg-white/90 px-1 text-[10px] font-bold text-slate-800"
            >
              {index === 0 ? "A" : "B"}
            </figcaption>
          </figure>
        ))}
      </div>
      <div className="min-w-0 flex-1 space-y-1.5">
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span>
            <time dateTime={assessment.createdAt} className="font-medium text-slate-900">
              {when.format(createdAt)}
            </time>
            <span className="text-slate-400"> · </span>
            <span className="text-slate-600">{modeLabels[assessment.mode]} mode</span>
            {assessment.swapOf && (
              <>
                <span className="text-slate-400"> · </span>
                <span className="font-medium text-slate-700" data-testid="row-swap-of">
                  Swap check of the run of {when.format(new Date(assessment.swapOf.createdAt))}
                </span>
              </>
            )}
          </span>
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${status.className}`}>{status.label}</span>
        </div>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          {isBaseline ? (
            <span
              className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
              data-testid="row-model"
            >
              {describeModel(assessment)}
            </span>
          ) : (
            <span className="truncate font-medium text-slate-700" data-testid="row-model">
              {describeModel(assessment)}
            </span>
          )}
        </div>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto]">
          <div>
            <dt className="text-xs text-slate-500">{isBaseline ? "Baseline's answer" : "Model's answer"}</dt>
            <dd className="font-medium" data-testid="row-answer">
              {answerText(assessment)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Your judgment</dt>
            <dd data-testid="row-judgment">
              <Judgment assessment={assessment} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Consistency</dt>
            <dd className={issues > 0 ? "font-medium text-amber-800" : "text-slate-600"} data-testid="row-issues">
              {issues === 0 ? "No issues" : `${issues} ${issues === 1 ? "issue" : "issues"}`}
            </dd>
          </div>
        </dl>
      </div>
      <Link
        href={`/assess?assessment=${assessment.id}`}
        className="self-center whitespace-nowrap rounded-md text-sm font-medium text-brand-700 underline after:absolute after:inset-0 after:rounded-xl after:content-['']"
      >
        Open the full result<span className="sr-only"> of {when.format(createdAt)}</span>
      </Link>
    </article>
  );
}
