import { type BenchmarkSample, readBenchmarkSamples, type RejectedSample } from "../lib/preferthinker/benchmark-format";
import { readJson } from "./read-input";

/** A benchmark file's samples; a file that is not one at all is an error naming it. */
export function readBenchmarkFile(path: string): { samples: BenchmarkSample[]; rejected: RejectedSample[] } {
  const read = readBenchmarkSamples(readJson(path));
  const fileProblem = read.rejected.find((sample) => sample.index < 0);
  if (fileProblem) throw new Error(`${path} is not a benchmark file: ${fileProblem.reason}`);
  return read;
}
