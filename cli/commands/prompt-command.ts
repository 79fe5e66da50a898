import { parseArgs } from "node:util";
import { buildAssessmentRequest } from "../../lib/preferthinker/request-builder";
import { builtInTemplates, defaultTemplateId } from "../../lib/preferthinker/templates/preferthinker-v1";
import { parsePromptTemplate, type PromptTemplate } from "../../lib/preferthinker/templates/template-schema";
import { loadBenchmarkImage } from "../image-files";
import { readBenchmarkFile } from "../read-benchmark";
import { readJson } from "../read-input";
import { readMode } from "./parse-command";

export const promptUsage =
  "preferthinker prompt --data <bench.json> --images <dir> --index <n> [--mode reasoning|fast|single] [--history 5] [--model name] [--template file.json] [--image-url-base URL]";

function readTemplate(path: string | undefined): PromptTemplate {
  if (!path) return builtInTemplates[defaultTemplateId]!;
  if (builtInTemplates[path]) return builtInTemplates[path];
  return parsePromptTemplate(readJson(path));
}

function readWholeNumber(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required: ${promptUsage}`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) throw new Error(`--${name} must be a whole number, not ${value}`);
  return Number(value);
}

/** Prints the complete chat request that would be sent for one benchmark sample. */
export function runPrompt(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: "string" },
      images: { type: "string" },
      index: { type: "string" },
      mode: { type: "string" },
      history: { type: "string" },
      model: { type: "string" },
      template: { type: "string" },
      "image-url-base": { type: "string" },
    },
  });
  if (!values.data) throw new Error(`--data is required: ${promptUsage}`);
  if (!values.images && !values["image-url-base"]) throw new Error(`--images is required: ${promptUsage}`);
  const index = readWholeNumber("index", values.index);
  const mode = readMode(values.mode);
  const { samples, rejected } = readBenchmarkFile(values.data);
  const problem = rejected.find((sample) => sample.index === index);
  if (problem) throw new Error(`sample ${index} of ${values.data} is unusable: ${problem.field}: ${problem.reason}`);
  const sample = samples.find((candidate) => candidate.index === index);
  if (!sample) throw new Error(`${values.data} has no sample ${index} (it holds ${samples.length + rejected.length})`);
  const image = (path: string) => loadBenchmarkImage(values.images ?? ".", path, values["image-url-base"]);
  const request = buildAssessmentRequest({
    model: values.model ?? process.env.MODEL_NAME ?? "preferthinker",
    template: readTemplate(values.template),
    mode,
    history: readWholeNumber("history", values.history, 5),
    preferred: sample.prefered_images.map(image),
    nonPreferred: sample.non_prefered_images.map(image),
    candidates: mode === "single" ? [image(sample.imageA)] : [image(sample.imageA), image(sample.imageB)],
  });
  console.log(JSON.stringify(request, null, 2));
}
