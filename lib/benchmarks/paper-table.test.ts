import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EvaluationRunJson } from "@/lib/benchmarks/benchmark-contract";
import { wilsonInterval } from "@/lib/preferthinker/metrics";
import { publishedFiguresSource, publishedRows } from "@/lib/preferthinker/published-figures";
// The tables must take the very rows the results page builds, and name them as the page does.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { buildResultRows } from "@/components/benchmarks/results-rows";
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { describeRunModel } from "@/components/benchmarks/run-model-label";
import { escapeLatex, latexDocument, toCsvTable, toLatexTable, toMarkdownTable } from "./paper-table";

function run(id: string, subset: string, model: string, correct: number, n: number): EvaluationRunJson {
  const proportion = wilsonInterval(correct, n);
  return {
    id,
    subset: { id: `s-${subset}`, name: subset, sampleCount: n },
    provider: "openai-compatible",
    endpoint: "lab-gpu",
    model,
    mode: "reasoning",
    templateId: "preferthinker-v1",
    history: 5,
    concurrency: 2,
    servedModel: null,
    freshOutputs: false,
    swap: false,
    structured: null,
    status: "completed",
    source: "app",
    error: null,
    createdAt: "",
    startedAt: null,
    finishedAt: null,
    waitingFor: null,
    progress: { done: n, failed: 0, total: n, samplesPerSecond: null, etaSeconds: 0 },
    summary: {
      strict: proportion,
      lenient: proportion,
      formatValid: wilsonInterval(n, n),
      official: null,
      issueCounts: {},
      millisecondsPerSample: null,
      reused: { outputs: 0, cached: 0 },
      swap: null,
    },
  };
}

const awkwardName = "GPT_4o & co #1 50% {x} ~$^\\ [beta] <a|b> --";

/** One model on all five subsets (Seen SP 482/500 = 96.4%), one on four (no PickaPic). */
const rows = buildResultRows([
  run("a1", "TEST_SP_ID", "preferthinker-7b", 482, 500),
  run("a2", "TEST_MP_ID", "preferthinker-7b", 460, 500),
  run("a3", "TEST_SP_OD", "preferthinker-7b", 482, 500),
  run("a4", "TEST_MP_OD", "preferthinker-7b", 464, 500),
  run("a5", "TEST_PICKAPIC", "preferthinker-7b", 329, 500),
  ...["TEST_SP_ID", "TEST_MP_ID", "TEST_SP_OD", "TEST_MP_OD"].map((subset, index) =>
    run(`b${index}`, subset, awkwardName, 40 + index, 50),
  ),
]);
const complete = describeRunModel(rows[0]!);
const partial = describeRunModel(rows[1]!);

/** A small CSV reader (RFC 4180: quoted cells, doubled quotes), so the test does not trust the writer's own quoting. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted && character === '"' && text[index + 1] === '"') {
      cell += '"';
      index++;
    } else if (character === '"') {
      quoted = !quoted;
    } else if (!quoted && character === ",") {
      record.push(cell);
      cell = "";
    } else if (!quoted && character === "\n") {
      records.push([...record, cell]);
      record = [];
      cell = "";
    } else {
      cell += character;
    }
  }
  return records;
}

describe("Markdown table", () => {
  const markdown = toMarkdownTable(rows, publishedRows);
  const tableLines = markdown.split("\n").filter((line) => line.startsWith("|"));
  const cellsOf = (line: string) => line.slice(2, -2).split(/ (?<!\\)\| /);

  it("has a header, a separator, two group rows, our rows and the published rows, each of seven cells", () => {
    expect(tableLines).toHaveLength(2 + 2 + rows.length + publishedRows.length);
    expect(cellsOf(tableLines[0]!)).toEqual([
      "Model",
      "Seen SP",
      "Seen MP",
      "Unseen SP",
      "Unseen MP",
      "PickaPic",
      "Avg",
    ]);
    expect(tableLines[1]).toMatch(/^\| --- (\| :---: ){6}\|$/);
    for (const line of tableLines) expect(cellsOf(line)).toHaveLength(7);
  });

  it("prints our figures with their interval and n, and the published ones labelled as published", () => {
    const ours = cellsOf(tableLines.find((line) => line.includes("preferthinker-7b"))!);
    expect(ours[0]).toBe(complete);
    expect(ours[1]).toBe("96.4 (94.4–97.7, n=500)");
    expect(ours[5]).toBe("65.8 (61.5–69.8, n=500)");
    expect(ours[6]).toBe("88.7");
    expect(tableLines[2]).toContain("**Measured here**");
    const published = tableLines.findIndex((line) => line.includes("**Published"));
    expect(tableLines[published]).toContain(publishedFiguresSource);
    expect(published).toBe(3 + rows.length);
    for (const [index, row] of publishedRows.entries()) {
      const cells = cellsOf(tableLines[published + 1 + index]!);
      expect(cells[0]).toBe(`${row.method} (published)`);
      expect(cells[6]).toBe(row.average.toFixed(1));
    }
  });

  it("shows a missing subset as — and marks a mean over four subsets with a note under the table", () => {
    const line = tableLines.find((candidate) => candidate.includes("GPT"))!;
    const cells = cellsOf(line);
    expect(cells).toHaveLength(7);
    expect(cells[0]).toContain("GPT\\_4o \\& co \\#1 50%");
    expect(cells[0]).toContain("<a\\|b>".replace(/[<>]/g, "\\$&"));
    expect(cells[5]).toBe("—");
    expect(cells[6]).toBe("83.0¹");
    expect(markdown).toContain("\n\n¹ Avg of 4 (no PickaPic): the mean of the subsets with a run");
  });

  it("says so when nothing has been measured, and still lists the published rows", () => {
    const empty = toMarkdownTable([], publishedRows)
      .split("\n")
      .filter((line) => line.startsWith("|"));
    expect(empty[3]).toContain("*No completed runs yet.*");
    expect(empty).toHaveLength(2 + 2 + 1 + publishedRows.length);
  });
});

describe("LaTeX table", () => {
  const latex = toLatexTable(rows, publishedRows);
  const lines = latex.split("\n");
  const dataRows = lines.filter((line) => line.endsWith("\\\\") && !line.startsWith("\\multicolumn"));

  it("balances every environment it opens", () => {
    const stack: string[] = [];
    for (const [, kind, name] of latex.matchAll(/\\(begin|end)\{(\w+)\}/g)) {
      if (kind === "begin") stack.push(name!);
      else expect(stack.pop()).toBe(name);
    }
    expect(stack).toEqual([]);
    expect(latex).toMatch(/^\\begin\{table\}/);
  });

  it("uses booktabs rules once each, in order, with a caption, a label and a group header for each kind of row", () => {
    const at = (command: string) => lines.indexOf(command);
    for (const rule of ["\\toprule", "\\midrule", "\\bottomrule"])
      expect(lines.filter((line) => line === rule)).toHaveLength(1);
    expect(at("\\toprule")).toBeLessThan(at("\\midrule"));
    expect(at("\\midrule")).toBeLessThan(at("\\bottomrule"));
    expect(latex).toContain("\\caption{Strict accuracy (\\%) on PreferImg-Bench.");
    expect(latex).toContain("\\label{tab:preferimg-bench}");
    const measured = lines.findIndex((line) => line.includes("\\textit{Measured here}"));
    const published = lines.findIndex((line) => line.includes("\\textit{Published (PreferThinker paper)}"));
    expect(at("\\midrule")).toBeLessThan(measured);
    expect(lines[published - 1]).toBe("\\cmidrule{1-7}");
    expect(lines.slice(published + 1, at("\\bottomrule"))).toHaveLength(publishedRows.length);
  });

  it("gives every row as many cells as the column spec has columns", () => {
    const spec = /\\begin\{tabular\}\{l\*\{(\d+)\}\{c\}\}/.exec(latex);
    expect(spec).not.toBeNull();
    const columns = 1 + Number(spec![1]);
    // Header, two lines per measured row (figures, then intervals), one per published row.
    expect(dataRows).toHaveLength(1 + 2 * rows.length + publishedRows.length);
    for (const row of dataRows) expect(row.split(/(?<!\\)&/)).toHaveLength(columns);
    expect(columns).toBe(7);
  });

  it("prints our percentages, intervals and n, and marks the partial mean with its note", () => {
    const ours = dataRows.findIndex((row) => row.startsWith("preferthinker-7b"));
    expect(dataRows[ours]).toBe(`${complete} & 96.4 & 92.0 & 96.4 & 92.8 & 65.8 & 88.7 \\\\`);
    expect(dataRows[ours + 1]).toBe(
      "{\\scriptsize 95\\% CI, $n$=500} & {\\scriptsize 94.4--97.7} & {\\scriptsize 89.3--94.1} & " +
        "{\\scriptsize 94.4--97.7} & {\\scriptsize 90.2--94.8} & {\\scriptsize 61.5--69.8} &  \\\\",
    );
    const gpt = dataRows.find((row) => row.startsWith("GPT"))!;
    expect(gpt).toMatch(/ & --- & 83\.0\$\^\{1\}\$ \\\\$/);
    expect(latex).toContain("$^{1}$\\,Avg of 4 (no PickaPic)");
  });

  it("gives each interval its own n when a row's runs differ in size", () => {
    const mixed = buildResultRows([run("m1", "TEST_SP_ID", "m", 9, 10), run("m2", "TEST_MP_ID", "m", 30, 40)]);
    const intervals = toLatexTable(mixed, [])
      .split("\n")
      .find((line) => line.startsWith("{\\scriptsize 95\\% CI"));
    expect(intervals).toMatch(
      /^\{\\scriptsize 95\\% CI\} & \{\\scriptsize [\d.]+--[\d.]+, \$n\$=10\} & \{\\scriptsize [\d.]+--[\d.]+, \$n\$=40\} &/,
    );
  });

  it("escapes every special character in a model name", () => {
    const escaped = escapeLatex(awkwardName);
    expect(escaped).toBe(
      "GPT\\_4o \\& co \\#1 50\\% \\{x\\} \\textasciitilde{}\\$\\textasciicircum{}\\textbackslash{} {[}beta{]} " +
        "\\textless{}a\\textbar{}b\\textgreater{} -{}-",
    );
    // Take out the escapes the table uses; no special character may be left bare.
    const bare = escaped.replace(/\\(text\w+\{\}|[&%$#_{}])|\{[[\]]\}|-\{\}/g, "");
    expect(bare).not.toMatch(/[&%$#_{}~^\\[\]<>|]/);
    expect(latex).toContain(`${escaped} on lab-gpu & 80.0`);
  });

  it("starts no row with [ or *, which LaTeX would take as part of the previous row's end", () => {
    const starts = buildResultRows([run("s", "TEST_SP_ID", "*star", 5, 10), run("b", "TEST_SP_ID", "[x] y", 5, 10)]);
    const lines = toLatexTable(starts, []).split("\n");
    expect(lines).toContain("{}*star on lab-gpu & 50.0 & --- & --- & --- & --- & ---$^{1}$ \\\\");
    expect(lines.some((line) => line.startsWith("{[}x{]} y on lab-gpu & 50.0"))).toBe(true);
  });

  it("refuses a label that would need escaping", () => {
    expect(() => toLatexTable(rows, publishedRows, { label: "tab:a}b" })).toThrow(RangeError);
    expect(toLatexTable([], publishedRows, { caption: "50% of #1", label: "t:1" })).toContain(
      "\\caption{50\\% of \\#1}",
    );
  });

  const pdflatex = (() => {
    try {
      return execFileSync("which", ["pdflatex"], { encoding: "utf8" }).trim() || null;
    } catch {
      return null;
    }
  })();

  it.skipIf(pdflatex === null)(
    "compiles with pdflatex and only booktabs",
    () => {
      const directory = mkdtempSync(join(tmpdir(), "paper-table-"));
      try {
        writeFileSync(join(directory, "table.tex"), latexDocument(latex));
        const log = execFileSync(pdflatex!, ["-interaction=nonstopmode", "-halt-on-error", "table.tex"], {
          cwd: directory,
          encoding: "utf8",
          timeout: 60_000,
          stdio: ["ignore", "pipe", "pipe"],
        });
        expect(log).toContain("Output written on table.pdf");
        expect(log).not.toMatch(/^! /m);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

describe("CSV table", () => {
  const records = readCsv(toCsvTable(rows, publishedRows));
  const header = records[0]!;
  const column = (title: string) => header.indexOf(title);

  it("has a header and one line per row, our rows before the published ones", () => {
    expect(header.slice(0, 6)).toEqual([
      "group",
      "model",
      "Seen SP accuracy %",
      "Seen SP low %",
      "Seen SP high %",
      "Seen SP n",
    ]);
    expect(header).toHaveLength(2 + 5 * 4 + 2);
    expect(records.slice(1).map((record) => record[0])).toEqual([
      ...rows.map(() => "measured"),
      ...publishedRows.map(() => "published"),
    ]);
    for (const record of records) expect(record).toHaveLength(header.length);
  });

  it("carries our figures with intervals and n, and the published ones without", () => {
    const ours = records[1]!;
    expect(ours[1]).toBe(complete);
    expect(ours.slice(column("Seen SP accuracy %"), column("Seen SP n") + 1)).toEqual(["96.4", "94.4", "97.7", "500"]);
    expect(ours[column("PickaPic accuracy %")]).toBe("65.8");
    expect(ours[column("Avg %")]).toBe("88.7");
    expect(ours[column("Avg label")]).toBe("Avg");

    const short = records[2]!;
    expect(short[1]).toBe(partial);
    expect(short.slice(column("PickaPic accuracy %"), column("PickaPic n") + 1)).toEqual(["", "", "", ""]);
    expect(short[column("Avg %")]).toBe("83.0");
    expect(short[column("Avg label")]).toBe("Avg of 4 (no PickaPic)");

    const paper = records[3]!;
    expect(paper[1]).toBe(publishedRows[0]!.method);
    expect(paper.slice(column("Seen SP accuracy %"), column("Seen SP n") + 1)).toEqual(["96.6", "", "", ""]);
    expect(paper[column("Avg %")]).toBe("88.7");
  });

  it("quotes a model name with a comma or a quote so it stays one cell", () => {
    const [, record] = readCsv(toCsvTable(buildResultRows([run("q", "TEST_SP_ID", 'a "b", c', 5, 10)]), []));
    expect(record!.slice(0, 3)).toEqual(["measured", 'a "b", c on lab-gpu', "50.0"]);
    expect(record).toHaveLength(header.length);
  });
});
