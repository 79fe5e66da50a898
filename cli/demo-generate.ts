/**
 * `npm run demo:generate [-- --out <folder>] [--seed <n>]`: writes the demo
 * benchmark (PreferImg-Bench layout) that the app shows and the baseline is
 * measured on. Default folder: DEMO_DIR, or DATA_DIR/demo-benchmark.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { getConfig } from "../lib/config";
import { writeDemoBenchmark } from "../lib/demo/write-demo-benchmark";
import { runCli } from "./run-cli";

runCli(async (args) => {
  const { values } = parseArgs({ args, options: { out: { type: "string" }, seed: { type: "string" } } });
  const folder = resolve(values.out ?? getConfig().demo.folder);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new Error("--seed must be a whole number");
  const started = performance.now();
  let shown = 0;
  const result = await writeDemoBenchmark(folder, {
    seed,
    onProgress: (done, total) => {
      if (done === total || done - shown >= total / 10) {
        shown = done;
        process.stdout.write(`\rrendering ${done}/${total} images`);
      }
    },
  });
  if (result.isNew) process.stdout.write("\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.isNew
      ? `wrote ${result.samples} samples and ${result.images} images (${(result.bytes / 1024 / 1024).toFixed(1)} MB) to ${folder} in ${seconds} s (seed ${result.seed})`
      : `${folder} already holds the demo benchmark of seed ${result.seed} (${result.samples} samples); nothing to do`,
  );
});
