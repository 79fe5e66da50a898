/**
 * "Find my taste" (issue 19): how good a reference set the quiz builds in k
 * clicks, adaptive pairs against random pairs, side by side in one run.
 *
 * Each simulated person of the demo generator answers the quiz over a pool
 * of demo pictures (their own 10 reference pictures among 60 of other
 * people's), with a share of answers flipped at random. After k clicks the
 * quiz's reference set goes to the baseline assessor (the app's, with the
 * same cached statistics), which judges held-out candidate pairs of that
 * person (their demo pair and more drawn the way the generator draws it);
 * the figure is each person's accuracy, summarised over people with
 * bootstrap 95% intervals. A ceiling row gives the baseline the person's
 * true references.
 *
 * The adaptive arm is the quiz as the app runs it (pairs by reference gain,
 * lib/taste/reference-gain.ts); `--adaptive=information-gain` puts the
 * earlier rule (BALD over the whole ranking) in its place. The random arm
 * differs from it only in its pairs, drawn uniformly among those not shown:
 * same model ("neither" answers included), same reference choice, same
 * stopping.
 *
 *   node --import tsx --conditions=react-server bench/taste.ts [--people=200] [--flip=0.1] [--pool=70] [--own=10] [--pairs=25] [--seed=20260101] [--adaptive=reference-gain] [--per-person]
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { type DemoProfile, demoAttributeNames, valuesOf } from "../lib/demo/demo-attributes";
import { DEMO_IMAGE_SIZE, renderDemoImage } from "../lib/demo/render-demo-image";
import { type DemoSample, type ImageSpec, simulateDemoSamples } from "../lib/demo/simulate-users";
import { imageInMemory } from "../lib/inference/assessment-provider";
import { assessByFeatures } from "../lib/inference/baseline/assess-by-features";
import type { ImageFeatures } from "../lib/inference/baseline/image-features";
import { measureImage } from "../lib/inference/baseline/measure-image";
import { wilsonInterval } from "../lib/preferthinker/metrics";
import { MersenneTwister } from "../lib/preferthinker/python-random";
import {
  baselineFeatureGroups,
  baselineFeatureLabels,
  createBaselineFeatureVectors,
} from "../lib/taste/baseline-features";
import type { SelectionRule } from "../lib/taste/pair-selection";
import { chooseReferences } from "../lib/taste/reference-choice";
import { getQuizStatus, proposeNextPair, recordAnswer, startTasteQuiz, type TasteQuiz } from "../lib/taste/taste-quiz";

const option = (name: string, fallback: number) =>
  Number(process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const peopleCount = option("people", 200);
const flip = option("flip", 0.1);
const poolSize = option("pool", 70);
const ownInPool = option("own", 10);
const pairsPerPerson = option("pairs", 25);
const demoSeed = option("seed", 20260101);
const perPerson = process.argv.includes("--per-person");
const clickCounts = [5, 10, 15, 20, 30];
const adaptiveRule = (process.argv.find((argument) => argument.startsWith("--adaptive="))?.split("=")[1] ??
  "reference-gain") as Exclude<SelectionRule, "random">;
const arms = [adaptiveRule, "random"] as const;
const started = performance.now();

// ---- pictures and their statistics (cached on disk: measuring is ~20 ms a picture) ----
const cacheFile = join(tmpdir(), "preferthinker-taste-bench", "baseline-statistics-v1.json");
const cache: Record<string, ImageFeatures> = await readFile(cacheFile, "utf8").then(
  (text) => JSON.parse(text) as Record<string, ImageFeatures>,
  () => ({}),
);
const keyOf = (image: ImageSpec) =>
  `${image.seed}:${demoAttributeNames.map((attribute) => image.profile[attribute]).join("-")}`;

/** Renders and measures a picture as the app would: the generator's JPEG, then the baseline's own measuring path. */
async function measureSpec(image: ImageSpec): Promise<ImageFeatures> {
  const key = keyOf(image);
  const known = cache[key];
  if (known) return known;
  const raw = renderDemoImage(image.profile, new MersenneTwister(image.seed));
  const jpeg = await sharp(raw, { raw: { width: DEMO_IMAGE_SIZE, height: DEMO_IMAGE_SIZE, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const features = await measureImage(imageInMemory(createHash("sha256").update(jpeg).digest("hex"), jpeg));
  cache[key] = features;
  return features;
}

// ---- simulated people ----
/** The generator's drift of a candidate's attributes (simulate-users.ts draws the demo pair with these; they are not exported). */
const drift = { liked: 0.4, disliked: 0.45 };

function drawHeldOutPair(
  person: DemoSample,
  random: MersenneTwister,
): { a: ImageSpec; b: ImageSpec; label: "Image A" | "Image B" } {
  const drifted = (profile: DemoProfile, probability: number): DemoProfile => {
    const result: Record<string, string> = { ...profile };
    for (const attribute of demoAttributeNames)
      if (random.random() < probability)
        result[attribute] = valuesOf[attribute][random.randBelow(valuesOf[attribute].length)]!;
    return result as DemoProfile;
  };
  const looks = person.preferenceProfiles;
  const liked = {
    file: "",
    profile: drifted(looks[random.randBelow(looks.length)]!, drift.liked),
    seed: random.nextUint32(),
  };
  const other = { file: "", profile: drifted(person.nonPreferenceProfile, drift.disliked), seed: random.nextUint32() };
  return random.random() < 0.5 ? { a: liked, b: other, label: "Image A" } : { a: other, b: liked, label: "Image B" };
}

/** The ground truth of a quiz answer: attributes matching the person's closest look, minus those matching what they dislike. */
function appealOf(person: DemoSample, profile: DemoProfile): number {
  const matches = (other: DemoProfile) =>
    demoAttributeNames.filter((attribute) => other[attribute] === profile[attribute]).length;
  return Math.max(...person.preferenceProfiles.map(matches)) - matches(person.nonPreferenceProfile);
}

/** 1 or 2 for the picture with more appeal, 0 ("can't say") on equal appeal; a directional answer is flipped with probability `flip`. */
function answerPair(person: DemoSample, left: ImageSpec, right: ImageSpec, random: MersenneTwister): 0 | 1 | 2 {
  const gap = appealOf(person, left.profile) - appealOf(person, right.profile);
  if (gap === 0) return 0;
  const truth = gap > 0 ? 1 : 2;
  return random.random() < flip ? (truth === 1 ? 2 : 1) : truth;
}

// ---- the run ----
const samples = simulateDemoSamples(demoSeed);
const step = samples.length / Math.min(peopleCount, samples.length);
const people = Array.from(
  { length: Math.min(peopleCount, samples.length) },
  (_, index) => samples[Math.floor(index * step)]!,
);
const allPictures = samples.flatMap((sample, owner) =>
  [...sample.preferred, ...sample.nonPreferred, sample.imageA, sample.imageB].map((image) => ({ image, owner })),
);

/** One person's references after 15 adaptive clicks, with the reasons the page will show and the pictures' true profiles. */
function describeExample(person: DemoSample, pool: ImageSpec[], quiz: TasteQuiz): string[] {
  const references = chooseReferences(quiz.model, { labels: baselineFeatureLabels });
  const profile = (image: ImageSpec) => demoAttributeNames.map((attribute) => image.profile[attribute]).join(" ");
  const look = (side: string, list: typeof references.liked) =>
    list.map(
      (reference) =>
        `  ${side} ${profile(pool[reference.index]!).padEnd(40)} appeal ${String(appealOf(person, pool[reference.index]!.profile)).padStart(2)}: ${reference.reason}`,
    );
  return [
    `example, ${person.userId} after 15 adaptive clicks (likes ${person.preferenceProfiles.map((liked) => demoAttributeNames.map((attribute) => liked[attribute]).join(" ")).join(" | ")}; dislikes ${demoAttributeNames.map((attribute) => person.nonPreferenceProfile[attribute]).join(" ")}):`,
    ...look("liked   ", references.liked),
    ...look("disliked", references.disliked),
  ];
}

let example: string[] = [];
type PersonResult = {
  id: string;
  accuracy: Record<string, number[]>;
  ceiling: number;
  stop: { click: number; accuracy: number };
};
const results: PersonResult[] = [];
let assessments = 0;

if (perPerson)
  console.log(
    `person           accuracy after ${clickCounts.join(", ")} clicks: adaptive | random | with the true references | adaptive stopped at`,
  );
for (const [number, person] of people.entries()) {
  const owner = samples.indexOf(person);
  // Separate streams, so the held-out pairs are the same whatever the pool's make-up.
  const [poolRandom, pairRandom] = [
    new MersenneTwister(demoSeed * 1000 + owner),
    new MersenneTwister(demoSeed * 1000 + 500 + owner),
  ];
  const others = allPictures.filter((picture) => picture.owner !== owner);
  const pool = [...person.preferred, ...person.nonPreferred].slice(0, ownInPool);
  while (pool.length < poolSize) {
    const picked = others.splice(poolRandom.randBelow(others.length), 1)[0]!;
    pool.push(picked.image);
  }
  const heldOut = [
    { a: person.imageA, b: person.imageB, label: person.label },
    ...Array.from({ length: pairsPerPerson - 1 }, () => drawHeldOutPair(person, pairRandom)),
  ];
  const poolStatistics = await Promise.all(pool.map(measureSpec));
  const heldOutStatistics = await Promise.all(
    heldOut.map(async (pair) => [await measureSpec(pair.a), await measureSpec(pair.b)] as const),
  );
  const vectors = createBaselineFeatureVectors(poolStatistics);

  const accuracyWith = (preferred: ImageFeatures[], nonPreferred: ImageFeatures[]) => {
    if (preferred.length === 0 || nonPreferred.length === 0) return 0.5;
    let correct = 0;
    heldOut.forEach((pair, index) => {
      assessments++;
      if (assessByFeatures({ preferred, nonPreferred }, [...heldOutStatistics[index]!]).answer === pair.label)
        correct++;
    });
    return correct / heldOut.length;
  };
  const accuracyOf = (quiz: TasteQuiz) => {
    const references = chooseReferences(quiz.model);
    return accuracyWith(
      references.liked.map((reference) => poolStatistics[reference.index]!),
      references.disliked.map((reference) => poolStatistics[reference.index]!),
    );
  };

  const accuracy: Record<string, number[]> = {};
  let stop = { click: clickCounts.at(-1)!, accuracy: Number.NaN };
  for (const rule of arms) {
    let quiz = startTasteQuiz(vectors, {
      seed: owner,
      rule,
      maxClicks: Number.MAX_SAFE_INTEGER,
      prior: { groups: baselineFeatureGroups },
    });
    const answers = new MersenneTwister(demoSeed * 7 + owner);
    accuracy[rule] = [];
    for (let click = 1; click <= clickCounts.at(-1)!; click++) {
      const pair = proposeNextPair(quiz)!;
      quiz = recordAnswer(quiz, pair, answerPair(person, pool[pair.left]!, pool[pair.right]!, answers));
      if (clickCounts.includes(click)) accuracy[rule]!.push(accuracyOf(quiz));
      if (number === 0 && rule === adaptiveRule && click === 15) example = describeExample(person, pool, quiz);
      if (rule === adaptiveRule && Number.isNaN(stop.accuracy) && getQuizStatus(quiz).reason === "converged")
        stop = { click, accuracy: accuracyOf(quiz) };
    }
    if (rule === adaptiveRule && Number.isNaN(stop.accuracy)) stop.accuracy = accuracy[rule]!.at(-1)!;
  }
  const ceiling = accuracyWith(
    await Promise.all(person.preferred.map(measureSpec)),
    await Promise.all(person.nonPreferred.map(measureSpec)),
  );
  results.push({ id: person.userId, accuracy, ceiling, stop });
  if (perPerson)
    console.log(
      `${person.userId.padEnd(16)} adaptive ${accuracy[adaptiveRule]!.map((value) => value.toFixed(2)).join(" ")} | random ${accuracy.random!.map((value) => value.toFixed(2)).join(" ")} | true refs ${ceiling.toFixed(2)} | stopped at ${stop.click}`,
    );
  if ((number + 1) % 50 === 0)
    process.stderr.write(
      `${number + 1}/${people.length} people, ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
}
await mkdir(join(tmpdir(), "preferthinker-taste-bench"), { recursive: true });
await writeFile(cacheFile, JSON.stringify(cache));

// ---- summary: bootstrap over people ----
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
function bootstrap(values: readonly number[], statistic: (values: readonly number[]) => number): [number, number] {
  const random = new MersenneTwister(12345);
  const estimates = Array.from({ length: 2000 }, () =>
    statistic(values.map(() => values[random.randBelow(values.length)]!)),
  ).sort((a, b) => a - b);
  return [estimates[49]!, estimates[1949]!];
}
const percent = (value: number) => `${(100 * value).toFixed(1)}`;
const withInterval = (values: readonly number[], statistic: (values: readonly number[]) => number) => {
  const [low, high] = bootstrap(values, statistic);
  return `${percent(statistic(values))} (${percent(low)}-${percent(high)})`.padEnd(19);
};
const reaching = (values: readonly number[]) => {
  const share = wilsonInterval(values.filter((value) => value >= 0.85).length, values.length);
  return `${percent(share.value)} (${percent(share.low)}-${percent(share.high)})`.padEnd(19);
};

console.log(
  `"Find my taste": ${results.length} simulated people (demo seed ${demoSeed}), pool ${poolSize} pictures (${ownInPool} of the person's own), ${flip * 100}% of answers flipped, ${pairsPerPerson} held-out pairs a person; adaptive pairs by ${adaptiveRule}; baseline assessor; 95% intervals: bootstrap over people (share >= 85%: Wilson)`,
);
console.log(
  "clicks | adaptive: mean accuracy | median person      | people >= 85%      || random: mean accuracy | median person      | people >= 85%",
);
for (const [index, clicks] of clickCounts.entries()) {
  const column = (rule: string) => results.map((result) => result.accuracy[rule]![index]!);
  const [adaptive, random] = [column(adaptiveRule), column("random")];
  console.log(
    `${String(clicks).padStart(6)} | ${withInterval(adaptive, mean).padEnd(23)} | ${withInterval(adaptive, median)}| ${reaching(adaptive)}|| ${withInterval(random, mean).padEnd(21)} | ${withInterval(random, median)}| ${reaching(random)}`,
  );
}
const ceilings = results.map((result) => result.ceiling);
console.log(`true references (ceiling): mean ${withInterval(ceilings, mean)} median ${withInterval(ceilings, median)}`);
const stops = results.map((result) => result.stop);
console.log(
  `adaptive, stopped at convergence (cap ${clickCounts.at(-1)}): median ${median(stops.map((stop) => stop.click))} clicks, mean accuracy ${withInterval(
    stops.map((stop) => stop.accuracy),
    mean,
  )} median ${withInterval(
    stops.map((stop) => stop.accuracy),
    median,
  )}`,
);

const at = (rule: string, index: number) => results.map((result) => result.accuracy[rule]![index]!);
const firstMedian = clickCounts.find((_, index) => median(at(adaptiveRule, index)) >= 0.85);
const target = mean(at(adaptiveRule, clickCounts.indexOf(15)));
const randomReach = clickCounts.find((_, index) => mean(at("random", index)) >= target);
console.log(
  `goal 1: the median person reaches 85% with adaptive pairs at ${firstMedian ?? "none of the"} clicks (goal: 15 or fewer)`,
);
console.log(
  `goal 2: random pairs reach adaptive's mean at 15 clicks (${percent(target)}%) at ${randomReach ?? `more than ${clickCounts.at(-1)}`} clicks (goal: 30 or more)`,
);
console.log(example.join("\n"));
console.log(`${assessments} baseline assessments; ${((performance.now() - started) / 1000).toFixed(0)} s`);
