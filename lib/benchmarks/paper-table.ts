import { baselineNames, isBaselineProvider } from "@/lib/assessments/provider-label";
import type { Proportion } from "@/lib/benchmarks/benchmark-contract";
import type { BenchmarkSubset } from "@/lib/preferthinker/benchmark-format";
import { paperColumns } from "@/lib/preferthinker/metrics";
import { publishedFiguresSource, type PublishedRow } from "@/lib/preferthinker/published-figures";
import { csvCell } from "./csv-cell";

/**
 * The results table in the paper's layout (PROTOCOL.md §6) as Markdown, LaTeX
 * and CSV, for pasting into a write-up: our rows first, each cell with its
 * 95% interval and n, then the paper's own figures, always labelled as
 * published so a reader never takes them for ours.
 */

/**
 * What the tables read of one of our rows. It is the shape buildResultRows
 * gives the results page (components/benchmarks/results-rows.ts); it is
 * written out here because lib/ may not depend on the UI's modules.
 */
export type MeasuredRow = {
  provider: string;
  model: string;
  endpoint: string;
  mode: string;
  cells: Partial<Record<BenchmarkSubset, { strict: Proportion }>>;
  average: { value: number | null; isPaperAverage: boolean; label: string };
};

export type LatexTableOptions = {
  /** Plain text; it is escaped. */
  caption?: string;
  /** A \label key: letters, digits and : . _ - only, so it needs no escaping. */
  label?: string;
};

type Figure = { value: string; low: string; high: string; n: number };
type Line = {
  name: string;
  /** One per paper column, in its order; null where there is no figure. */
  cells: (Figure | { value: string } | null)[];
  average: string | null;
  /** The average's label ("Avg", "Avg of 4 (no PickaPic)" …). */
  averageLabel: string;
  /** 1-based number of the note under the table that explains a mean over fewer than five subsets. */
  note: number | null;
};
type Layout = { measured: Line[]; published: Line[]; notes: string[] };

const headings = ["Model", ...paperColumns.map((column) => column.title), "Avg"];
const measuredHeading = "Measured here";
const publishedHeading = `Published: ${publishedFiguresSource}, not measured here`;
/** Short, because a \\multicolumn wider than the table would widen its last column; the caption names the source in full. */
const publishedLatexHeading = "Published (PreferThinker paper)";
const emptyMessage = "No completed runs yet.";
const defaultCaption =
  "Strict accuracy (%) on PreferImg-Bench. Under each figure measured here: its 95% Wilson interval and the " +
  `number of samples n. Avg is the mean of the five subsets. Published rows are the figures of the ${publishedFiguresSource}, not measured here.`;

/** A proportion as a percentage with one decimal, as the paper prints them; null for none (a run with no samples). */
function percent(value: number | null | undefined): string | null {
  return typeof value === "number" && Number.isFinite(value) ? (value * 100).toFixed(1) : null;
}

/** A row's name as the results page gives it (components/benchmarks/run-model-label.ts), so the two never disagree. */
function describeModel(row: MeasuredRow): string {
  const name = isBaselineProvider(row.provider)
    ? baselineNames.label
    : row.provider === "imported"
      ? `${row.model} (from a results file)`
      : `${row.model} on ${row.endpoint}`;
  return row.mode === "fast" ? `${name}, fast` : name;
}

/** The rows and notes all three formats print; each distinct partial average gets one numbered note. */
function layOut(rows: readonly MeasuredRow[], published: readonly PublishedRow[]): Layout {
  const notes: string[] = [];
  const noteFor = ({ value, isPaperAverage, label }: MeasuredRow["average"]) => {
    if (isPaperAverage) return null;
    const text =
      value === null
        ? `${label}.`
        : `${label}: the mean of the subsets with a run, not comparable with the paper's Avg.`;
    if (!notes.includes(text)) notes.push(text);
    return notes.indexOf(text) + 1;
  };
  const measured = rows.map((row) => ({
    name: describeModel(row),
    cells: paperColumns.map(({ subset }) => {
      const strict = row.cells[subset]?.strict;
      const value = percent(strict?.value);
      return strict && value !== null
        ? { value, low: percent(strict.low) ?? "?", high: percent(strict.high) ?? "?", n: strict.n }
        : null;
    }),
    average: percent(row.average.value),
    averageLabel: row.average.label,
    note: noteFor(row.average),
  }));
  const reference = published.map((row) => ({
    name: row.method,
    cells: paperColumns.map(({ subset }) => ({ value: row.accuracy[subset].toFixed(1) })),
    average: row.average.toFixed(1),
    averageLabel: "Avg",
    note: null,
  }));
  return { measured, published: reference, notes };
}

const hasInterval = (cell: Line["cells"][number]): cell is Figure => cell !== null && "n" in cell;

/** Backslash-escapes what Markdown would read as formatting, a table's | among it; a line break would end the row. */
function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[\\`*_[\]<>|~&#]/g, "\\$&");
}

/** A GitHub-flavoured Markdown table with the notes that explain partial averages beneath it. */
export function toMarkdownTable(rows: readonly MeasuredRow[], published: readonly PublishedRow[]): string {
  const { measured, published: reference, notes } = layOut(rows, published);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const groupLine = (title: string) => line([title, ...headings.slice(1).map(() => "")]);
  const dataLine = (row: Line, suffix: string) =>
    line([
      `${escapeMarkdown(row.name)}${suffix}`,
      ...row.cells.map((cell) =>
        cell === null ? "—" : hasInterval(cell) ? `${cell.value} (${cell.low}–${cell.high}, n=${cell.n})` : cell.value,
      ),
      `${row.average ?? "—"}${row.note === null ? "" : superscript(row.note)}`,
    ]);
  const table = [
    line(headings),
    line(headings.map((_, index) => (index === 0 ? "---" : ":---:"))),
    groupLine(`**${measuredHeading}**`),
    ...(measured.length === 0 ? [groupLine(`*${emptyMessage}*`)] : measured.map((row) => dataLine(row, ""))),
    groupLine(`**${escapeMarkdown(publishedHeading)}**`),
    ...reference.map((row) => dataLine(row, " (published)")),
  ];
  const legend =
    "Strict accuracy in %. Measured here: the latest completed run per model on each subset, with its 95% Wilson " +
    "interval and n. Avg is the mean of the five subsets, as in the paper.";
  const footnotes = notes.map((note, index) => `${superscript(index + 1)} ${escapeMarkdown(note)}`);
  return [table.join("\n"), legend, ...footnotes].join("\n\n") + "\n";
}

const superscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const superscript = (n: number) => [...String(n)].map((digit) => superscriptDigits[Number(digit)]).join("");

const latexSpecials: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "{": "\\{",
  "}": "\\}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  // In the default OT1 encoding these print as other glyphs (¡, ¿, —).
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
  // Braced so that a row starting with one is not read as \\[<length>], the optional argument of the row end.
  "[": "{[}",
  "]": "{]}",
};

/** Plain text as LaTeX that prints it: every special character escaped, "--" kept from becoming a dash, line breaks as spaces. */
export function escapeLatex(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\\{}&%$#_~^<>|[\]]/g, (character) => latexSpecials[character]!)
    .replace(/-(?=-)/g, "-{}");
}

// A row starting with * would be read as \\*, the star form of the previous row's end.
const latexRow = (cells: string[]) => `${cells[0]?.startsWith("*") ? "{}" : ""}${cells.join(" & ")} \\\\`;
const scriptsize = (text: string) => `{\\scriptsize ${text}}`;
const latexAverage = (line: Line) => `${line.average ?? "---"}${line.note === null ? "" : `$^{${line.note}}$`}`;

/** The smaller line under one of our rows: its intervals, naming n once when the row's runs share it, to keep the columns narrow. */
function latexIntervalRows(line: Line): string[] {
  const figures = line.cells.filter(hasInterval);
  if (figures.length === 0) return [];
  const shared = new Set(figures.map((cell) => cell.n)).size === 1 ? figures[0]!.n : null;
  const interval = (cell: Figure) => `${cell.low}--${cell.high}${shared === null ? `, $n$=${cell.n}` : ""}`;
  return [
    latexRow([
      scriptsize(shared === null ? "95\\% CI" : `95\\% CI, $n$=${shared}`),
      ...line.cells.map((cell) => (hasInterval(cell) ? scriptsize(interval(cell)) : "")),
      "",
    ]),
  ];
}

/**
 * A booktabs `table` float: our rows, each followed by a smaller line with its
 * intervals and n, then the published rows. Needs only \usepackage{booktabs}.
 * Model names are escaped; text outside ASCII passes through, which pdflatex's
 * UTF-8 input handles for accented Latin letters but not for every script.
 */
export function toLatexTable(
  rows: readonly MeasuredRow[],
  published: readonly PublishedRow[],
  options: LatexTableOptions = {},
): string {
  const label = options.label ?? "tab:preferimg-bench";
  if (!/^[A-Za-z0-9:._-]+$/.test(label)) throw new RangeError(`not a plain \\label key: ${label}`);
  const { measured, published: reference, notes } = layOut(rows, published);
  const width = headings.length;
  const group = (title: string) => `\\multicolumn{${width}}{l}{${title}} \\\\`;
  const ours = measured.flatMap((line) => [
    latexRow([escapeLatex(line.name), ...line.cells.map((cell) => cell?.value ?? "---"), latexAverage(line)]),
    ...latexIntervalRows(line),
  ]);
  const theirs = reference.map((line) =>
    latexRow([
      `\\textit{${escapeLatex(line.name)}}`,
      ...line.cells.map((cell) => cell?.value ?? "---"),
      latexAverage(line),
    ]),
  );
  return [
    "\\begin{table}[ht]",
    "\\centering",
    `\\caption{${escapeLatex(options.caption ?? defaultCaption)}}`,
    `\\label{${label}}`,
    // Seven columns with intervals are wide for a paper's text width; a smaller face and closer columns keep them in it.
    "\\small",
    "\\setlength{\\tabcolsep}{4pt}",
    `\\begin{tabular}{l*{${width - 1}}{c}}`,
    "\\toprule",
    latexRow(headings),
    "\\midrule",
    group(`\\textit{${measuredHeading}}`),
    ...(ours.length === 0 ? [group(emptyMessage)] : ours),
    `\\cmidrule{1-${width}}`,
    group(`\\textit{${publishedLatexHeading}}`),
    ...theirs,
    "\\bottomrule",
    "\\end{tabular}",
    ...notes.map((note, index) => `\\par{\\footnotesize $^{${index + 1}}$\\,${escapeLatex(note)}\\par}`),
    "\\end{table}",
    "",
  ].join("\n");
}

/** The smallest document that compiles a table from toLatexTable with pdflatex. */
export function latexDocument(table: string): string {
  return [
    "\\documentclass{article}",
    "\\usepackage{booktabs}",
    "\\begin{document}",
    table.trimEnd(),
    "\\end{document}",
    "",
  ].join("\n");
}

/**
 * The table as CSV: a header line, then one line per row. Percentages have one
 * decimal; published rows have no interval or n. "Avg label" says what a
 * measured row's Avg is a mean of, as the page does.
 */
export function toCsvTable(rows: readonly MeasuredRow[], published: readonly PublishedRow[]): string {
  const { measured, published: reference } = layOut(rows, published);
  const header = [
    "group",
    "model",
    ...paperColumns.flatMap(({ title }) => [`${title} accuracy %`, `${title} low %`, `${title} high %`, `${title} n`]),
    "Avg %",
    "Avg label",
  ];
  const line = (group: string, row: Line) => [
    group,
    row.name,
    ...row.cells.flatMap((cell) =>
      hasInterval(cell) ? [cell.value, cell.low, cell.high, cell.n] : [cell?.value ?? null, null, null, null],
    ),
    row.average,
    row.averageLabel,
  ];
  const lines = [
    header,
    ...measured.map((row) => line("measured", row)),
    ...reference.map((row) => line("published", row)),
  ];
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\n") + "\n";
}
