import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { preferThinkerV1 } from "@/lib/preferthinker/templates/preferthinker-v1";
import { loadPromptTemplate } from "./load-prompt-template";

const folder = mkdtempSync(join(tmpdir(), "studio-template-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("loadPromptTemplate", () => {
  it("uses the default, or a built-in one by id", () => {
    expect(loadPromptTemplate(undefined).id).toBe("preferthinker-v1");
    expect(loadPromptTemplate("preferthinker-v1")).toBe(preferThinkerV1);
  });

  it("reads a user's own template file", () => {
    const mine = { ...structuredClone(preferThinkerV1), id: "my-words" };
    mine.modes.reasoning.candidatesIntro = "Two new pictures follow.";
    const path = join(folder, "mine.json");
    writeFileSync(path, JSON.stringify(mine));
    expect(loadPromptTemplate(path).modes.reasoning.candidatesIntro).toBe("Two new pictures follow.");
  });

  it("takes a copy of a built-in template under its own id, and refuses other words under it", () => {
    const copy = join(folder, "copy.json");
    writeFileSync(copy, JSON.stringify(preferThinkerV1));
    expect(loadPromptTemplate(copy).id).toBe("preferthinker-v1");
    const edited = structuredClone(preferThinkerV1);
    edited.modes.reasoning.candidatesIntro = "Two new pictures follow.";
    const path = join(folder, "edited.json");
    writeFileSync(path, JSON.stringify(edited));
    expect(() => loadPromptTemplate(path)).toThrowError(
      /PROMPT_TEMPLATE: .*edited\.json: its id "preferthinker-v1" is a built-in template's, but its words differ: give it an id of its own/,
    );
  });

  it.each([
    [
      "missing.json",
      /PROMPT_TEMPLATE: .*missing\.json is neither a built-in template \(preferthinker-v1\) nor a readable file/,
    ],
    ["broken.json", /PROMPT_TEMPLATE: .*broken\.json: not valid JSON/],
    ["wrong.json", /PROMPT_TEMPLATE: .*wrong\.json: Invalid prompt template: modes: /],
  ])("refuses %s with the reason", (name, message) => {
    writeFileSync(join(folder, "broken.json"), "{ nope");
    writeFileSync(join(folder, "wrong.json"), JSON.stringify({ id: "x", description: "" }));
    expect(() => loadPromptTemplate(join(folder, name))).toThrowError(message);
  });
});
