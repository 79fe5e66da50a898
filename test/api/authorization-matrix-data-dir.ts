import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The authorisation matrix suite's data folder: uploaded images go to its own store, the demo benchmark under it. */
export const matrixDataDir = mkdtempSync(join(tmpdir(), "studio-matrix-"));
