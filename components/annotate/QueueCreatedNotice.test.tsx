import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { QueueSummary } from "@/lib/annotation/item-view-contract";
import { QueueCreatedNotice } from "./QueueCreatedNotice";

const queue = (changes: Partial<QueueSummary> = {}): QueueSummary => ({
  id: "0b7c7d5e-7d0e-4c43-9a2f-5c8f0f3a1e11",
  name: "Wrong answers on SP",
  createdAt: "2026-12-03T14:05:00.000Z",
  requiredAnnotations: 1,
  items: 12,
  annotationsNeeded: 12,
  annotationsDone: 0,
  mine: 0,
  availableToMe: 12,
  mayWork: true,
  ...changes,
});

/** The notice's links (name and target) and its words, as the researcher meets them. */
function render(summary: QueueSummary, namedAnnotators = 0) {
  const html = renderToStaticMarkup(<QueueCreatedNotice queue={summary} namedAnnotators={namedAnnotators} />);
  const links = [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((match) => ({
    href: match[1],
    text: match[2],
  }));
  return {
    html,
    links,
    text: html
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  };
}

describe("the notice after a queue is made", () => {
  it("offers a researcher who may annotate to start on the new queue at once, and to manage it", () => {
    const { links, text } = render(queue());
    expect(text).toContain("Made “Wrong answers on SP” with 12 items, open to every annotator.");
    expect(links).toEqual([
      { href: "/annotate/queues/0b7c7d5e-7d0e-4c43-9a2f-5c8f0f3a1e11", text: "Start annotating" },
      { href: "/annotate/manage/0b7c7d5e-7d0e-4c43-9a2f-5c8f0f3a1e11", text: "Manage the queue" },
    ]);
  });

  it("offers only managing it to a researcher who may not annotate it, and says who may", () => {
    const { links, text } = render(queue({ mayWork: false, items: 1 }), 2);
    expect(text).toContain("with 1 item, open to the 2 annotators you named.");
    expect(links.map((link) => link.text)).toEqual(["Manage the queue"]);
  });

  it("can take the focus, so it is read out once the form behind it is empty again", () => {
    const { html } = render(queue());
    expect(html).toMatch(/^<div tabindex="-1" role="region" aria-labelledby="queue-created-text"/);
  });
});
