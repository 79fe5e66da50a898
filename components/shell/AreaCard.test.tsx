import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AreaCard } from "./AreaCard";
import { areas } from "./areas";

const linksIn = (html: string) =>
  [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, href, name]) => ({ href, name }));

describe("the home page's area cards", () => {
  it("lead from Assess to Find my taste and the DreamSim model check, beside the area itself", () => {
    const assess = areas.find((area) => area.href === "/assess")!;
    const html = renderToStaticMarkup(<AreaCard area={assess} />);
    expect(linksIn(html)).toEqual([
      { href: "/assess", name: "Assess" },
      { href: "/taste", name: "Find my taste" },
      { href: "/dreamsim", name: "DreamSim model check" },
    ]);
    // Two separate links: a link inside a link is invalid and unreachable by keyboard.
    expect(html).not.toMatch(/<a [^>]*>(?:(?!<\/a>).)*<a /);
  });

  it("give every area one link to itself", () => {
    for (const area of areas)
      expect(linksIn(renderToStaticMarkup(<AreaCard area={area} />))[0]).toEqual({ href: area.href, name: area.label });
  });
});
