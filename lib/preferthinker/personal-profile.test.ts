import { describe, expect, it } from "vitest";
import { flattenProfile, tags } from "./official";
import {
  buildPersonalisedPrompt,
  compareProfileTexts,
  flattenProfileTexts,
  writeProfileBlock,
} from "./personal-profile";

describe("a person's profile, handed on", () => {
  const profile = { "Art Styles": "Impressionist landscapes", Color: 'Warm "golden" tones', Detail: "Soft edges" };

  it("writes the block the model writes, and flattens it the way the official results files do", () => {
    const block = writeProfileBlock(profile);
    expect(block).toBe(
      `<visual preference profile>\n"Art Styles": "Impressionist landscapes",\n"Color": "Warm 'golden' tones",\n"Detail": "Soft edges"\n</visual preference profile>`,
    );
    expect(flattenProfileTexts(profile)).toBe(flattenProfile(block, tags.preference));
    expect(flattenProfileTexts(profile)).toBe(
      "art styles: impressionist landscapes, color: warm 'golden' tones, detail: soft edges",
    );
  });

  it("builds the personalised prompt as the prompt followed by the flattened profile", () => {
    expect(buildPersonalisedPrompt("  a lighthouse at dusk ", "color: warm tones")).toBe(
      "a lighthouse at dusk color: warm tones",
    );
    expect(buildPersonalisedPrompt("", "color: warm tones")).toBe("color: warm tones");
  });

  it("says per attribute whether the prediction and the person's own words meet", () => {
    const comparison = compareProfileTexts(
      { "Art Styles": "rounded organic shapes", Color: "orange", Saturation: "vivid", Detail: "leaning toward sparse" },
      {
        "Art Styles": "organic, flowing shapes",
        Color: "blues and purples",
        "Artistic Medium": "watercolour",
        Detail: "sparse, calm",
      },
    );
    expect(comparison).toEqual({
      "Art Styles": "shared-words",
      Color: "differs",
      "Artistic Medium": "only-stated",
      Saturation: "only-predicted",
      Detail: "shared-words",
    });
    // Plurals meet their singulars.
    expect(compareProfileTexts({ Color: "orange" }, { Color: "warm oranges" }).Color).toBe("shared-words");
  });
});
