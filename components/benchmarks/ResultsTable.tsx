"use client";

import { useState } from "react";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { paperColumns } from "@/lib/preferthinker/metrics";
import { publishedFiguresSource, publishedRows } from "@/lib/preferthinker/published-figures";
import { toCsvTable, toLatexTable, toMarkdownTable } from "@/lib/benchmarks/paper-table";
import { buildResultRows, formatPercent, type ResultCell, type RowAverage } from "./results-rows";
import { describeRunModel } from "./run-model-label";

function OurCell({ cell, showMore }: { cell: ResultCell | undefined; showMore: boolean }) {
  if (!cell) return <td className="px-3 py-2 text-center text-slate-400">—</td>;
  const { strict, lenient, formatValid, positionBias } = cell;
  return (
    <td className="px-3 py-2 text-center align-top">
      <div className="font-semibold">{formatPercent(strict.value)}</div>
      <div className="text-xs text-slate-500">
        {formatPercent(strict.low)}–{formatPercent(strict.high)}, n = {strict.n}
      </div>
      {showMore && (
        <div className="mt-1 text-xs text-slate-600">
          lenient {formatPercent(lenient.value)} · format {formatPercent(formatValid.value)}
        </div>
      )}
      {positionBias && (
        <div className="mt-1 text-xs text-slate-600" data-testid="cell-position-bias">
          both orders: position bias {formatPercent(positionBias.value)}%
        </div>
      )}
    </td>
  );
}

/** The row's mean: bold only when it is the paper's Avg over all five columns; otherwise it names what it leaves out. */
function AverageCell({ average }: { average: RowAverage }) {
  if (average.isPaperAverage)
    return <td className="px-3 py-2 text-center align-top font-semibold">{formatPercent(average.value)}</td>;
  return (
    <td className="px-3 py-2 text-center align-top">
      <div className="text-slate-700">{formatPercent(average.value)}</div>
      <div className="text-xs text-amber-800">{average.label}</div>
    </td>
  );
}

/** The table as a file to paste into a paper: the same rows, ours and the published ones kept apart and labelled. */
function PaperTableDownloads({ rows }: { rows: ReturnType<typeof buildResultRows> }) {
  const files = [
    {
      label: "Markdown",
      name: "results-table.md",
      type: "text/markdown",
      text: () => toMarkdownTable(rows, publishedRows),
    },
    {
      label: "LaTeX (booktabs)",
      name: "results-table.tex",
      type: "application/x-tex",
      text: () => toLatexTable(rows, publishedRows),
    },
    { label: "CSV", name: "results-table.csv", type: "text/csv", text: () => toCsvTable(rows, publishedRows) },
  ];
  return (
    <p className="flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-700">Download the table for a paper:</span>
      {files.map((file) => (
        <button
          key={file.name}
          type="button"
          className="rounded text-sm font-medium text-brand-700 underline focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
          onClick={() => downloadText(file.name, file.type, file.text())}
        >
          {file.label}
        </button>
      ))}
    </p>
  );
}

/** Saves text as a file, as a link with `download` would, without a round trip to the server. */
function downloadText(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // Revoked once the browser has taken the file.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Accuracy (%) in the paper's layout: our latest completed run per model on
 * each subset, with its 95% interval and n, and below them the paper's own
 * figures, labelled as published, for comparison.
 */
export function ResultsTable({ runs }: { runs: EvaluationRunJson[] }) {
  const [showMore, setShowMore] = useState(false);
  const rows = buildResultRows(runs);
  const span = paperColumns.length + 2;

  return (
    <div className="space-y-2">
      <label className="flex items-center gap-1.5 text-sm">
        <input type="checkbox" checked={showMore} onChange={(event) => setShowMore(event.target.checked)} />
        Also show lenient accuracy and format validity
      </label>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="px-3 py-2 text-left text-xs text-slate-600">
            Strict accuracy in %, the paper&apos;s measure; under ours, the 95% interval (Wilson score) and the number
            of samples, and for a run in both orders its position bias. Avg is the mean of the five subsets, as in the
            paper; a model with runs on only some of them gets a mean of those, labelled with the subsets it leaves out.
          </caption>
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">
                Model
              </th>
              {paperColumns.map((column) => (
                <th key={column.subset} scope="col" className="px-3 py-2 text-center">
                  {column.title}
                  <div className="text-xs font-normal text-slate-500">{column.subset}</div>
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-center">
                Avg
                <div className="text-xs font-normal text-slate-500">of all five</div>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            <tr className="bg-slate-100">
              <th
                colSpan={span}
                scope="colgroup"
                className="px-3 py-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600"
              >
                Measured here (your runs)
              </th>
            </tr>
            {rows.length === 0 && (
              <tr>
                <td colSpan={span} className="px-3 py-3 text-slate-600">
                  No completed runs yet.
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="px-3 py-2 text-left align-top font-medium">
                  {describeRunModel(row)}
                  {row.isBaseline && (
                    <div className="text-xs font-normal text-amber-700">Baseline: a reference point, not a model</div>
                  )}
                </th>
                {paperColumns.map((column) => (
                  <OurCell key={column.subset} cell={row.cells[column.subset]} showMore={showMore} />
                ))}
                <AverageCell average={row.average} />
              </tr>
            ))}
            <tr className="bg-slate-100">
              <th
                colSpan={span}
                scope="colgroup"
                className="px-3 py-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600"
              >
                Published figures: {publishedFiguresSource}, not measured here
              </th>
            </tr>
            {publishedRows.map((row) => (
              <tr key={row.method} className="text-slate-600">
                <th scope="row" className="px-3 py-2 text-left font-normal italic">
                  {row.method} <span className="text-xs not-italic text-slate-500">(published)</span>
                </th>
                {paperColumns.map((column) => (
                  <td key={column.subset} className="px-3 py-2 text-center">
                    {row.accuracy[column.subset].toFixed(1)}
                  </td>
                ))}
                <td className="px-3 py-2 text-center">{row.average.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PaperTableDownloads rows={rows} />
      <p className="text-xs text-slate-600">
        Our rows are measured on the subsets you imported. The generated demo benchmark&apos;s people are simulated and
        its subsets are small, so its figures show the workflow and cannot be compared with the published ones, which
        are on PreferImg-Bench.
      </p>
    </div>
  );
}
