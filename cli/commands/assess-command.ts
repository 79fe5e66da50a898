import { parseArgs } from "node:util";
import { getConfig } from "../../lib/config";
import type { AssessmentInput, AssessmentProvider, ProviderImage } from "../../lib/inference/assessment-provider";
import { parseAssessment } from "../../lib/preferthinker/stream-parser";
import type { AssessmentMode } from "../../lib/preferthinker/types";
import { getPromptTemplate } from "../../lib/server/load-prompt-template";
import { chooseProvider } from "../choose-provider";
import { formatAssessment } from "../format-assessment";
import { readImageFile } from "../read-image-file";
import { readMode } from "./parse-command";

export const assessUsage =
  "preferthinker assess --preferred a.jpg,b.jpg --non-preferred c.jpg,d.jpg --candidates x.jpg,y.jpg [--endpoint URL --model NAME] [--mode reasoning|fast|single] [--json]";

/** The official evaluation shows the model the first five references of each kind. */
const maxReferences = 5;

type ImagePaths = { preferred: string[]; nonPreferred: string[]; candidates: string[] };
type AssessmentImages = Pick<AssessmentInput, "preferred" | "nonPreferred" | "candidates">;

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((path) => path.trim())
    .filter(Boolean);
}

/** The image paths of each role, with counts checked before any file is read. */
function readImagePaths(
  values: { preferred?: string; "non-preferred"?: string; candidates?: string },
  mode: AssessmentMode,
): ImagePaths {
  const references = (flag: "preferred" | "non-preferred") => {
    const paths = splitList(values[flag]);
    if (paths.length === 0) throw new Error(`--${flag} needs at least one image: ${assessUsage}`);
    if (paths.length > maxReferences) {
      console.error(
        `warning: ${paths.length} ${flag} images given; the official evaluation uses the first ${maxReferences}, and so does this run`,
      );
    }
    return paths.slice(0, maxReferences);
  };
  const preferred = references("preferred");
  const nonPreferred = references("non-preferred");
  const candidates = splitList(values.candidates);
  const wanted = mode === "single" ? 1 : 2;
  if (candidates.length !== wanted) {
    throw new Error(
      mode === "single"
        ? `--mode single takes exactly 1 candidate, got ${candidates.length}`
        : `--candidates takes exactly 2 images (Image A, Image B), got ${candidates.length}; use --mode single to score one`,
    );
  }
  return { preferred, nonPreferred, candidates };
}

/** Every image read and checked; the first bad one, in the order given, is the error. */
async function readImages(paths: string[], limits: { maxPixels: number }): Promise<ProviderImage[]> {
  const results = await Promise.allSettled(paths.map((path) => readImageFile(path, limits)));
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<ProviderImage>).value);
}

type Outcome = { output: string; failure: unknown; isInterrupted: boolean };

/**
 * Streams the assessment, echoing its text to stdout unless `isQuiet`.
 * Ctrl-C aborts the stream (a second one ends the process as usual); the
 * text that arrived is kept either way.
 */
async function streamAssessment(
  provider: AssessmentProvider,
  mode: AssessmentMode,
  images: AssessmentImages,
  isQuiet: boolean,
): Promise<Outcome> {
  const prepared = await provider.prepare({ mode, template: getPromptTemplate(getConfig().promptTemplate), ...images });
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error("interrupted"));
  process.once("SIGINT", interrupt);
  let output = "";
  let failure: unknown = null;
  try {
    for await (const event of prepared.stream(controller.signal)) {
      if (event.type !== "delta") continue;
      output += event.text;
      if (!isQuiet) process.stdout.write(event.text);
    }
  } catch (error) {
    failure = error;
  } finally {
    process.off("SIGINT", interrupt);
  }
  if (!isQuiet && output && !output.endsWith("\n")) process.stdout.write("\n");
  return { output, failure, isInterrupted: controller.signal.aborted };
}

/**
 * Assesses one pair (or one candidate in single mode) from image files with
 * the baseline or a model server: streams the text as it comes, then prints
 * the reading as a table, or with --json one object (the reading and the
 * raw output) and nothing else.
 */
export async function runAssess(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      preferred: { type: "string" },
      "non-preferred": { type: "string" },
      candidates: { type: "string" },
      endpoint: { type: "string" },
      model: { type: "string" },
      mode: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const mode = readMode(values.mode);
  const paths = readImagePaths(values, mode);
  const provider = chooseProvider(values.endpoint, values.model);
  const limits = { maxPixels: getConfig().images.maxPixels };
  const input: AssessmentImages = {
    preferred: await readImages(paths.preferred, limits),
    nonPreferred: await readImages(paths.nonPreferred, limits),
    candidates: await readImages(paths.candidates, limits),
  };
  const { output, failure, isInterrupted } = await streamAssessment(provider, mode, input, values.json === true);
  const assessment = parseAssessment(output, mode);
  if (output || (!failure && !isInterrupted)) {
    if (values.json) console.log(JSON.stringify({ model: provider.model, ...assessment, output }, null, 2));
    else {
      const width = Math.min(160, Math.max(60, process.stdout.columns ?? 100));
      console.log(
        `\n${"─".repeat(width)}\nModel ${provider.model}, ${mode} mode\n\n${formatAssessment(assessment, width)}`,
      );
    }
  }
  if (isInterrupted) throw new Error(`interrupted: the assessment stopped after ${output.length} characters`);
  if (failure)
    throw new Error(
      `the assessment failed${output ? ` after ${output.length} characters` : ""}: ${(failure as Error).message ?? String(failure)}`,
    );
}
