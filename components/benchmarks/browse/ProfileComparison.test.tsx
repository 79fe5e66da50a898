import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ResultDetailJson } from "@/lib/benchmarks/benchmark-contract";
import { ProfileComparison } from "./ProfileComparison";

const five = (text: string) => ({
  "Art Styles": `${text} style`,
  Color: `${text} colours`,
  "Artistic Medium": `${text} medium`,
  Saturation: `${text} saturation`,
  Detail: `${text} detail`,
});

const detail = {
  result: { profiles: { preference: [five("bold")], nonPreference: [five("dull")] } },
  sample: { preferAttributes: five("bold"), nonPreferAttributes: { ...five("grey"), Detail: "" } },
  profileSimilarity: {
    method: "word overlap (Dice)",
    preference: { "Art Styles": 1, Color: 0.5, "Artistic Medium": 1, Saturation: 1, Detail: 1 },
    nonPreference: { "Art Styles": 0, Color: 0, "Artistic Medium": 0, Saturation: 0, Detail: null },
    mean: 0.45,
  },
} as unknown as ResultDetailJson;

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Each table's caption, its column headers (with scope) and its rows' header cells. */
function readTables(html: string) {
  return [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map(([, table]) => ({
    caption: text(/<caption[^>]*>([\s\S]*?)<\/caption>/.exec(table!)![1]!),
    columns: [...table!.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((match) => text(match[1]!)),
    unscopedHeaders: [...table!.matchAll(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/g)].length,
    rows: [...table!.matchAll(/<tr[^>]*><th scope="row"[^>]*>([\s\S]*?)<\/th>([\s\S]*?)<\/tr>/g)].map((match) => [
      text(match[1]!),
      ...[...match[2]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => text(cell[1]!)),
    ]),
  }));
}

describe("the profile against the true profile", () => {
  it("gives the liked and the disliked side a table each, with four distinct, scoped headers", () => {
    const tables = readTables(renderToStaticMarkup(<ProfileComparison detail={detail} />));
    expect(tables.map((table) => table.caption)).toEqual([
      "Liked: the preference profile",
      "Disliked: the non-preference profile",
    ]);
    for (const table of tables) {
      expect(table.columns).toEqual(["Attribute", "Predicted", "True", "Overlap"]);
      expect(table.unscopedHeaders).toBe(0);
      expect(table.rows.map((row) => row[0])).toEqual([
        "Artistic style",
        "Color",
        "Artistic Medium",
        "Saturation",
        "Detail",
      ]);
    }
  });

  it("puts each attribute's predicted text, true text and overlap under their own headers", () => {
    const [liked, disliked] = readTables(renderToStaticMarkup(<ProfileComparison detail={detail} />));
    expect(liked!.rows[1]).toEqual(["Color", "bold colours", "bold colours", "50%"]);
    expect(disliked!.rows[4]).toEqual(["Detail", "dull detail", "—", "—"]);
  });

  it("says so when the sample has no true profile", () => {
    const html = renderToStaticMarkup(<ProfileComparison detail={{ ...detail, profileSimilarity: null }} />);
    expect(text(html)).toBe("This sample carries no true profile to compare with.");
  });
});
