import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasDreamsimManifest } from "./has-dreamsim-manifest";

describe("hasDreamsimManifest", () => {
  const publicDir = mkdtempSync(join(tmpdir(), "public-"));
  mkdirSync(join(publicDir, "models", "dreamsim"), { recursive: true });
  writeFileSync(join(publicDir, "models", "dreamsim", "manifest.json"), "{}");
  mkdirSync(join(publicDir, "models", "empty", "manifest.json"), { recursive: true });

  it("finds a manifest installed under public/ at the model's path", async () => {
    expect(await hasDreamsimManifest("/models/dreamsim/", publicDir)).toBe(true);
  });

  it("says none is installed when the folder or the file is missing, so the page never asks for it", async () => {
    expect(await hasDreamsimManifest("/models/elsewhere/", publicDir)).toBe(false);
    expect(await hasDreamsimManifest("/models/empty/", publicDir)).toBe(false);
  });
});
