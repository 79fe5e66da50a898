import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ModelManifest } from "../model-manifest";
import { buildTestModel, testModelManifest } from "./build-test-model";

/** Where tests and benchmarks put the generated test model (git-ignored), served at /models/dreamsim-test/. */
export const testModelFolder = "public/models/dreamsim-test";
export const testModelUrl = "/models/dreamsim-test/";

/** Writes the test model and its manifest into a folder; returns the manifest. Same bytes every time. */
export function writeTestModel(folder = testModelFolder): ModelManifest {
  const model = buildTestModel();
  const manifest = testModelManifest(model, createHash("sha256").update(model.bytes).digest("hex"));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, manifest.file), model.bytes);
  writeFileSync(join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
