import { describe, expect, it } from "vitest";
import { csvCell } from "./csv-cell";

describe("a CSV cell", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Image A")', `"'=HYPERLINK(""http://evil.example"",""Image A"")"`],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
  ])("neutralises the formula %j", (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it("quotes commas, quotes and line breaks, and leaves plain text, numbers and booleans alone", () => {
    expect(csvCell("Image A")).toBe("Image A");
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
  });
});
