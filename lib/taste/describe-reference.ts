/**
 * The short reason shown under each chosen reference: what the person did
 * with it ("you chose it over 3 others") and, when the features have words,
 * the two traits that pushed its utility furthest in its direction ("vivid
 * colour, few shapes"). Embedding features have no words: the reason is then
 * the answers alone.
 */

/**
 * Words for one feature: what a high and what a low value looks like, and
 * the attribute it speaks to (a reason names at most one trait per
 * attribute, so "high saturation" never comes with its near-twin).
 */
export type FeatureLabel = { high: string; low: string; attribute?: string };

export type ReferenceSide = "liked" | "disliked";

const others = (count: number) => `${count} other${count === 1 ? "" : "s"}`;
const times = (count: number) => (count === 1 ? "once" : count === 2 ? "twice" : `${count} times`);

function describeAnswers(side: ReferenceSide, wins: number, losses: number): string {
  if (side === "liked") {
    const base = wins > 0 ? `you chose it over ${others(wins)}` : "it resembles the pictures you chose";
    return losses > 0 ? `${base} (passed it over ${times(losses)})` : base;
  }
  const base = losses > 0 ? `you chose ${others(losses)} over it` : "it resembles the pictures you passed over";
  return wins > 0 ? `${base} (chose it ${times(wins)})` : base;
}

/**
 * Names the traits of a picture that weigh most toward its side: for a
 * liked one the largest positive terms weight × value of its utility, for a
 * disliked one the most negative; each in the word of the value's sign.
 * A trait weighing less than half the first is left out: it would be noise
 * read as a reason.
 */
export function nameDecidingTraits(
  side: ReferenceSide,
  features: readonly number[],
  weights: readonly number[],
  labels: readonly FeatureLabel[],
  count = 2,
): string[] {
  const direction = side === "liked" ? 1 : -1;
  const terms = features
    .map((value, index) => ({ value, index, push: direction * value * (weights[index] ?? 0) }))
    .filter((term) => term.push > 0 && labels[term.index] !== undefined)
    .sort((a, b) => b.push - a.push);
  const words: string[] = [];
  const attributes = new Set<string>();
  for (const term of terms) {
    if (term.push < 0.5 * terms[0]!.push) break;
    const label = labels[term.index]!;
    const word = term.value >= 0 ? label.high : label.low;
    // Two measures of one attribute often agree: say it once.
    if (words.includes(word) || (label.attribute !== undefined && attributes.has(label.attribute))) continue;
    words.push(word);
    if (label.attribute !== undefined) attributes.add(label.attribute);
    if (words.length === count) break;
  }
  return words;
}

/** The reason a reference was chosen, e.g. "you chose it over 3 others; high saturation, few shapes". */
export function describeReference(
  side: ReferenceSide,
  answers: { wins: number; losses: number },
  traits: readonly string[],
): string {
  const told = describeAnswers(side, answers.wins, answers.losses);
  return traits.length ? `${told}; ${traits.join(", ")}` : told;
}
