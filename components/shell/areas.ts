/** The product's areas, in the order the navigation shows them. */
export const areas = [
  { href: "/assess", label: "Assess", summary: "Build a reference set, pick two candidates and watch the model profile your taste, then score them." },
  { href: "/history", label: "History", summary: "Your past assessments and the judgments you recorded." },
  { href: "/images", label: "Images", summary: "Your image library: upload references and candidates once, use them everywhere." },
  { href: "/benchmarks", label: "Benchmarks", summary: "Import PreferImg-Bench, run evaluations and browse the failures." },
  { href: "/annotate", label: "Annotate", summary: "Validate chain-of-thought outputs from the keyboard: profile, scores, rationales, arithmetic and answer; queues, review, agreement and gold exports." },
] as const;

export type Area = (typeof areas)[number];
