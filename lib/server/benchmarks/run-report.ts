import "server-only";
import escapeHtml from "escape-html";
import sharp from "sharp";
import type { Actor } from "@/lib/auth/policy";
import type { EvaluationRunJson, Proportion, RunAnalysisJson } from "@/lib/benchmarks/benchmark-contract";
import { getBenchmarkSubset } from "@/lib/db/benchmark-subsets";
import { type FailureRow, findFirstFailures } from "@/lib/db/evaluation-results";
import { findOwnedImages } from "@/lib/db/images";
import type { Database } from "@/lib/db/open-database";
import { paperColumns } from "@/lib/preferthinker/metrics";
import { publishedFiguresSource, publishedRows } from "@/lib/preferthinker/published-figures";
import { answeredPosition, swapLabel } from "@/lib/preferthinker/swap-order";
import { appVersion } from "@/lib/version";
import { readStoredImage } from "@/lib/server/assessments/run-assessment";
import { analyseRun } from "./analyse-run";
import { getReachableRun } from "./get-reachable-benchmark";
import { toRunJson } from "./run-json";

/**
 * A run as one HTML file that opens anywhere without the Studio: its
 * settings, accuracy with its intervals beside the published figures for
 * its subset, the swap figures, the per-attribute error analysis, and the
 * first wrong answers with their pictures (small JPEG copies inside the
 * file) and outputs. No script, no stylesheet or picture from elsewhere:
 * every text is escaped, every picture a data URL.
 */

/** Wrong answers shown with their pictures: enough to read, few enough that the file stays a few megabytes. */
const failuresShown = 8;
const thumbnailSide = 160;
const outputShownChars = 6000;

const text = (value: unknown) => escapeHtml(String(value));
// A proportion of no samples has no value: null once sent as JSON, NaN as the run's summary computes it.
const isMissing = (value: number | null): value is null => value === null || Number.isNaN(value);
const percent = (value: number | null) => (isMissing(value) ? "—" : `${(value * 100).toFixed(1)}%`);
const interval = (proportion: { low: number | null; high: number | null }) =>
  isMissing(proportion.low) || isMissing(proportion.high)
    ? "—"
    : `${percent(proportion.low)}–${percent(proportion.high)}`;

export type RunReport = { fileName: string; html: string };

export async function renderRunReport(database: Database, actor: Actor, runId: string): Promise<RunReport> {
  const record = await getReachableRun(database, actor, runId, "read");
  const subset = (await getBenchmarkSubset(database, record.subsetId, undefined))!;
  const [run, analysis, failures] = await Promise.all([
    toRunJson(database, record, subset),
    analyseRun(database, actor, runId),
    findFirstFailures(database, runId, failuresShown),
  ]);
  const pictures = await thumbnailsOf(database, record.ownerId, failures);
  const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "-");
  return {
    fileName: `report_${fileSafe(run.model)}_${fileSafe(run.subset.name)}.html`,
    html: page(run, analysis, failures, pictures),
  };
}

/** Each failure's pictures as small JPEG data URLs, by image id. */
async function thumbnailsOf(database: Database, ownerId: string, failures: FailureRow[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      failures.flatMap((failure) => [
        ...failure.preferredImageIds.slice(0, 5),
        ...failure.nonPreferredImageIds.slice(0, 5),
        failure.imageAId,
        failure.imageBId,
      ]),
    ),
  ];
  const images = await findOwnedImages(database, ownerId, ids);
  const urls = new Map<string, string>();
  for (const image of images) {
    try {
      const bytes = await readStoredImage(image).readBytes();
      const small = await sharp(bytes)
        .resize({ width: thumbnailSide, height: thumbnailSide, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toBuffer();
      urls.set(image.id, `data:image/jpeg;base64,${small.toString("base64")}`);
    } catch {
      // A picture whose stored copy is gone is left out; the report says so where it would be.
    }
  }
  return urls;
}

function proportionRow(name: string, proportion: Proportion, note = "") {
  return `<tr><th scope="row">${text(name)}</th><td>${percent(proportion.value)}</td><td>${interval(proportion)}</td><td>${proportion.n}</td><td>${text(note)}</td></tr>`;
}

function summarySection(run: EvaluationRunJson, analysis: RunAnalysisJson): string {
  const { summary } = run;
  const byPerson = analysis.accuracy.byPerson;
  const rows = [
    proportionRow("Strict accuracy", summary.strict, "the paper's measure; Wilson score interval"),
    ...(byPerson
      ? [
          `<tr><th scope="row">Strict accuracy, clustered by person</th><td>${percent(byPerson.value)}</td><td>${interval(byPerson)}</td><td>${byPerson.n} (${byPerson.clusters} people)</td><td>${text(byPerson.method)}</td></tr>`,
        ]
      : []),
    proportionRow("Lenient accuracy", summary.lenient, "the training reward's reading; Wilson"),
    proportionRow("Format valid", summary.formatValid, "the four blocks in order; Wilson"),
  ];
  return `<section><h2>Accuracy</h2>
<table><thead><tr><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">95% interval</th><th scope="col">n</th><th scope="col">Method</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
${publishedSection(run)}
</section>`;
}

/** The run's subset column of the paper's table: ours beside the published rows, labelled as published. */
function publishedSection(run: EvaluationRunJson): string {
  const column = paperColumns.find((entry) => entry.subset === run.subset.name);
  if (!column) return "";
  const rows = publishedRows
    .map(
      (row) =>
        `<tr class="published"><th scope="row">${text(row.method)} (published)</th><td>${row.accuracy[column.subset].toFixed(1)}%</td></tr>`,
    )
    .join("\n");
  return `<h3>${text(column.title)} (${text(column.subset)}) beside the published figures</h3>
<table><thead><tr><th scope="col">Model</th><th scope="col">Strict accuracy</th></tr></thead>
<tbody><tr><th scope="row">${text(run.model)} (measured here)</th><td>${percent(run.summary.strict.value)}</td></tr>
${rows}</tbody></table>
<p class="note">Published rows: ${text(publishedFiguresSource)}, not measured here.</p>`;
}

function swapSection(run: EvaluationRunJson): string {
  const swap = run.summary.swap;
  if (!swap) return "";
  return `<section><h2>Both orders (A/B and B/A)</h2>
<table><thead><tr><th scope="col">Measure</th><th scope="col">Value</th><th scope="col">95% interval</th><th scope="col">n</th><th scope="col">Method</th></tr></thead>
<tbody>
${proportionRow("Position bias", swap.positionBias, "answer followed the position (same letter both times), of samples answered in both orders; Wilson")}
${proportionRow("Accuracy over consistent samples", swap.consistentAccuracy, "samples whose two answers name the same picture; Wilson")}
${proportionRow("Correct in both orders", swap.accuracyBothOrders, "an inconsistent sample counts as wrong; Wilson")}
</tbody></table></section>`;
}

function errorSection(analysis: RunAnalysisJson, swapRun: boolean): string {
  const { errors } = analysis;
  const agreement = new Map(errors.profileAgreement?.map((row) => [row.attribute, row]) ?? []);
  const largest = Math.max(1, ...errors.deciding.map((row) => row.count));
  const rows = errors.deciding
    .map((row) => {
      const agreed = agreement.get(row.attribute);
      const share = errors.wrong > 0 ? ` (${((100 * row.count) / errors.wrong).toFixed(0)}%)` : "";
      return `<tr><th scope="row">${text(row.attribute)}</th><td><span class="bar" style="width:${((8 * row.count) / largest).toFixed(2)}em"></span> ${row.count}${share}</td>${
        errors.profileAgreement
          ? `<td>${percent(agreed?.preference.mean ?? null)}</td><td>${percent(agreed?.nonPreference.mean ?? null)}</td>`
          : ""
      }</tr>`;
    })
    .join("\n");
  const agreementHeads = errors.profileAgreement
    ? `<th scope="col">Liked profile agreement</th><th scope="col">Disliked profile agreement</th>`
    : "";
  return `<section><h2>Where the wrong answers come from</h2>
<p>${errors.wrong} of ${errors.results} answers wrong${swapRun ? " as given (A/B); the exchanged order counts in the swap figures above" : ""}; ${errors.withoutScores} without scores to read, ${errors.noAttributeFavoured} where no attribute favoured the chosen picture. Deciding attribute: ${text(errors.method)}.${
    errors.profileAgreement ? ` Profile agreement: ${text(errors.profileAgreementMethod)}.` : ""
  }</p>
<table><thead><tr><th scope="col">Attribute</th><th scope="col">Wrong answers it decided</th>${agreementHeads}</tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function picture(urls: Map<string, string>, id: string, caption: string): string {
  const url = urls.get(id);
  return `<figure>${url ? `<img src="${url}" alt="${text(caption)}">` : `<div class="missing">picture missing</div>`}<figcaption>${text(caption)}</figcaption></figure>`;
}

function shownOutput(output: string): string {
  return output.length > outputShownChars
    ? `${output.slice(0, outputShownChars)}\n… (${output.length - outputShownChars} more characters)`
    : output;
}

const answered = (answer: string | null) => (answer === null ? "nothing readable" : text(answer));

/**
 * A wrong order's answer and output. The exchanged order showed Image B
 * first, so its answer is named by the picture as labelled here.
 */
function wrongOrder(failure: FailureRow, exchanged: boolean): string {
  if (!exchanged)
    return `<p>The model answered ${answered(failure.answer)}.</p><pre>${text(shownOutput(failure.output))}</pre>`;
  const swapOutput = failure.swapOutput ?? "";
  const position = answeredPosition(swapOutput);
  return `<p>With the candidates exchanged (Image B shown first), the model answered ${answered(failure.swapAnswer)}${
    position ? `: the picture labelled ${swapLabel(`Image ${position}`)} here` : ""
  }.</p><pre>${text(shownOutput(swapOutput))}</pre>`;
}

/** Which order of a swap run's sample was wrong. */
function wrongOrders(failure: FailureRow): string {
  if (failure.strictCorrect) return "with the candidates exchanged";
  return failure.swapStrictCorrect === false ? "in both orders" : "as given";
}

function failuresSection(failures: FailureRow[], urls: Map<string, string>, swapRun: boolean): string {
  const what = swapRun ? "Wrong answers, in either order" : "Wrong answers";
  if (failures.length === 0) return `<section><h2>${what}</h2><p>None: every answer was right.</p></section>`;
  const items = failures
    .map((failure) => {
      const orders = [
        ...(failure.strictCorrect ? [] : [wrongOrder(failure, false)]),
        ...(failure.swapStrictCorrect === false ? [wrongOrder(failure, true)] : []),
      ];
      return `<article><h3>Sample ${failure.sampleIndex}: the person preferred ${text(failure.label)}${
        swapRun ? `; wrong ${wrongOrders(failure)}` : ""
      }</h3>
<div class="pictures">${failure.preferredImageIds
        .slice(0, 5)
        .map((id, index) => picture(urls, id, `Liked ${index + 1}`))
        .join("")}${failure.nonPreferredImageIds
        .slice(0, 5)
        .map((id, index) => picture(urls, id, `Disliked ${index + 1}`))
        .join("")}</div>
<div class="pictures candidates">${picture(urls, failure.imageAId, "Image A")}${picture(urls, failure.imageBId, "Image B")}</div>
${orders.join("\n")}</article>`;
    })
    .join("\n");
  return `<section><h2>${what} (the first ${failures.length} in the official order)</h2>${items}</section>`;
}

const style = `body{font:14px/1.45 system-ui,sans-serif;color:#1e293b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #e2e8f0}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #e2e8f0;padding:.25rem .6rem;text-align:left;vertical-align:top}
thead th{font-size:.8rem;color:#475569}.published th,.published td{color:#64748b;font-style:italic}.note{font-size:.8rem;color:#475569}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{color:#475569}
.bar{display:inline-block;height:.6rem;background:#f87171;border-radius:2px}
.pictures{display:flex;flex-wrap:wrap;gap:.4rem}.candidates figure img{outline:2px solid #94a3b8}
figure{margin:0;font-size:.75rem;color:#475569}figure img{display:block;max-width:80px;max-height:80px}.candidates img{max-width:160px;max-height:160px}
.missing{width:80px;height:80px;background:#f1f5f9}pre{white-space:pre-wrap;background:#f8fafc;border:1px solid #e2e8f0;padding:.5rem;font-size:.8rem}`;

function page(
  run: EvaluationRunJson,
  analysis: RunAnalysisJson,
  failures: FailureRow[],
  pictures: Map<string, string>,
): string {
  const settings: [string, string][] = [
    ["Subset", `${run.subset.name} (${run.subset.sampleCount} samples)`],
    ["Model", run.model],
    ["Served as", run.servedModel ?? "—"],
    ["Endpoint", `${run.endpoint} (${run.provider})`],
    ["Mode", run.mode],
    ["Prompt template", run.templateId],
    ["References per side", String(run.history)],
    ["Both orders (swap)", run.swap ? "yes" : "no"],
    ["Output grammar", run.structured ?? "none: the official request"],
    [
      "Outputs reused",
      run.freshOutputs
        ? "none: fresh outputs asked for"
        : `${run.summary.reused.cached} of ${run.summary.reused.outputs}`,
    ],
    ["Status", `${run.status}, ${run.progress.done} of ${run.progress.total} samples with a result`],
    ["Started", run.startedAt ?? "—"],
    ["Finished", run.finishedAt ?? "—"],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(`${run.model} on ${run.subset.name}: PreferThinker Studio run report`)}</title>
<style>${style}</style></head>
<body>
<h1>${text(run.model)} on ${text(run.subset.name)}</h1>
<dl>${settings.map(([name, value]) => `<dt>${text(name)}</dt><dd>${text(value)}</dd>`).join("")}</dl>
${summarySection(run, analysis)}
${swapSection(run)}
${errorSection(analysis, run.swap)}
${failuresSection(failures, pictures, run.swap)}
<p class="note">Made by PreferThinker Studio ${text(appVersion)} on ${text(new Date().toISOString())}. Run ${text(run.id)}.</p>
</body></html>
`;
}
