import { testModelFolder, writeTestModel } from "@/lib/dreamsim/test-model/write-test-model";

// Writes the DreamSim TEST model (random weights, DreamSim's input and output) for tests and benchmarks.
const folder = process.argv[2] ?? testModelFolder;
const manifest = writeTestModel(folder);
console.log(
  `Wrote the DreamSim test model to ${folder}/ (${manifest.file}, ${manifest.bytes} bytes, sha256 ${manifest.sha256.slice(0, 12)}…). It is not DreamSim: its distances mean nothing.`,
);
