/** The product's areas, in the order the navigation shows them. */
export const areas = [
  {
    href: "/assess",
    label: "Assess",
    summary: "Build a reference set, pick two candidates and watch the model profile your taste, then score them.",
    // The similarity panel on Assess runs DreamSim; its model check is the place to install, load and time it.
    pages: [
      { href: "/taste", label: "Find my taste" },
      { href: "/dreamsim", label: "DreamSim model check" },
    ],
  },
  { href: "/history", label: "History", summary: "Your past assessments and the judgments you recorded." },
  {
    href: "/images",
    label: "Images",
    summary: "Your image library: upload references and candidates once, use them everywhere.",
  },
  {
    href: "/benchmarks",
    label: "Benchmarks",
    summary: "Import PreferImg-Bench, run evaluations and browse the failures.",
  },
  {
    href: "/annotate",
    label: "Annotate",
    summary:
      "Validate chain-of-thought outputs from the keyboard: profile, scores, rationales, arithmetic and answer; queues, review, agreement and gold exports.",
  },
] as const;

export type Area = (typeof areas)[number];

/** Pages inside an area worth reaching from its card: tools that are not areas of their own. */
export const pagesOf = (area: Area): readonly { href: string; label: string }[] => ("pages" in area ? area.pages : []);
