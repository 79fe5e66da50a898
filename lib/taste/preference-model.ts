import { choleskyFactor, dot, type Matrix, solveLower, solveUpper } from "./linear-algebra";

/**
 * A person's taste as a Bradley-Terry model: P(a preferred over b) =
 * σ(u(a) − u(b)), with a Gaussian prior on the pictures' utilities u and the
 * Laplace approximation of the posterior around its MAP fit. The prior is a
 * linear part u = w·x with w ~ N(0, s²·I) (logistic regression with a little
 * L2 prior), optionally plus a similarity part and a per-picture part (see
 * PoolOptions); with only the linear part it is exactly logistic regression
 * on feature differences. A "neither" answer enters as weak evidence that
 * the two utilities are close (see fitPreferenceModel).
 *
 * It is fitted in its dual form, one unknown per answer rather than per
 * feature (Rasmussen & Williams, algorithms 3.1 and 3.2, with the prior
 * covariance of the answers' utility differences as kernel): the same code
 * serves 17 baseline statistics and 1,792-long DreamSim embeddings, and a
 * quiz's few dozen answers cost milliseconds to refit. Only the prior
 * covariance of the pool's utilities is needed; the pool carries it.
 */

/** One directional answer: pool indices of the picture chosen and the one passed over. */
export type Comparison = { winner: number; loser: number };

/** The pictures a quiz draws from, as feature vectors, with the prior the model puts on their utilities. */
export type PreferencePool = {
  features: readonly (readonly number[])[];
  /** Prior covariance of the pictures' utilities: linear part s²·xi·xj, plus the optional similarity part. */
  kernel: Matrix;
  /** s²: prior variance of each feature's weight (the linear part). */
  weightVariance: number;
};

export type PoolOptions = {
  /**
   * Prior standard deviation of the utility difference of two typical pool
   * pictures (default 2.5: before any answer the model allows a typical pair
   * anything from a coin toss to a 92/8 call); it sets s² whatever the
   * features' length or scale.
   */
  pairSpread?: number;
  /**
   * Share of that prior variance given to a similarity term: pictures that
   * look alike are liked alike, even where a linear utility cannot say why
   * (a liked middle value, one hue among eight). 0 is plain logistic
   * regression.
   */
  similarityShare?: number;
  /**
   * Share of that prior variance given to each picture's own utility,
   * independent of its features (the classic Bradley-Terry per-item
   * strength): a picture chosen again and again rises even where the
   * features cannot say why.
   */
  itemShare?: number;
  /**
   * Column groups the similarity term compares separately and adds up (an
   * additive model: one group per attribute, so a utility can be a sum of
   * per-attribute tastes); by default all columns form one group.
   */
  groups?: readonly (readonly number[])[];
  /** Width of each group's Gaussian kernel, as a share of the group's median squared distance in the pool. */
  similarityWidth?: number;
};

const squaredDistance = (a: readonly number[], b: readonly number[], columns: readonly number[]) =>
  columns.reduce((sum, k) => sum + (a[k]! - b[k]!) ** 2, 0);

/** Mean of the upper triangle of a square matrix, and its median. */
function summarizePairs(matrix: Matrix): { mean: number; median: number } {
  const values: number[] = [];
  for (let i = 0; i < matrix.length; i++) for (let j = i + 1; j < matrix.length; j++) values.push(matrix[i]![j]!);
  values.sort((a, b) => a - b);
  return {
    mean: values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length),
    median: values[Math.floor(values.length / 2)] ?? 0,
  };
}

/** The similarity term's kernel: per group a Gaussian of the distance, averaged over the groups (1 on the diagonal). */
function similarityKernel(
  features: readonly (readonly number[])[],
  groups: readonly (readonly number[])[],
  width: number,
): Matrix {
  const kernel = features.map(() => new Array<number>(features.length).fill(0));
  for (const columns of groups) {
    const gaps = features.map((a) => features.map((b) => squaredDistance(a, b, columns)));
    const scale = 2 * width * Math.max(1e-9, summarizePairs(gaps).median);
    gaps.forEach((row, i) => row.forEach((gap, j) => (kernel[i]![j]! += Math.exp(-gap / scale) / groups.length)));
  }
  return kernel;
}

/** Prepares a pool: the prior over its pictures' utilities. */
export function createPreferencePool(
  features: readonly (readonly number[])[],
  options: PoolOptions = {},
): PreferencePool {
  const spread = options.pairSpread ?? 2.5;
  const share = options.similarityShare ?? 0;
  const allColumns = Array.from({ length: features[0]?.length ?? 0 }, (_, k) => k);
  const gaps = features.map((a) => features.map((b) => squaredDistance(a, b, allColumns)));
  // A pair's prior difference variance is s²·gap for the linear part and 2c·(1 − similarity) for the other.
  const itemShare = options.itemShare ?? 0;
  const weightVariance = ((1 - share - itemShare) * spread * spread) / Math.max(1e-9, summarizePairs(gaps).mean);
  const similarity =
    share > 0 ? similarityKernel(features, options.groups ?? [allColumns], options.similarityWidth ?? 1) : null;
  const similarityVariance = similarity
    ? (share * spread * spread) / Math.max(1e-9, 2 * (1 - summarizePairs(similarity).mean))
    : 0;
  const itemVariance = (itemShare * spread * spread) / 2;
  const kernel = features.map((a, i) =>
    features.map(
      (b, j) =>
        weightVariance * dot(a, b) +
        (similarity ? similarityVariance * similarity[i]![j]! : 0) +
        (i === j ? itemVariance : 0),
    ),
  );
  return { features, kernel, weightVariance };
}

export type PairPrediction = {
  /** P(a preferred over b), averaged over the model's uncertainty. */
  probability: number;
  /** Mean and variance of the utility difference u(a) − u(b). */
  mean: number;
  variance: number;
};

export type PreferenceModel = {
  pool: PreferencePool;
  /** The directional answers it was fitted to ("neither"s are not among them). */
  comparisons: readonly Comparison[];
  /** Posterior mean utility of each pool picture; only differences mean anything. */
  utilities: number[];
  predictPair(a: number, b: number): PairPrediction;
  /** Posterior covariance of two pictures' utilities (a = b: a variance). */
  covariance(a: number, b: number): number;
  /** MAP weight of each feature in the linear part: what the reasons quote. */
  weights(): number[];
};

const sigmoid = (value: number) => (value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value)));
const logSigmoid = (value: number) =>
  value >= 0 ? -Math.log1p(Math.exp(-value)) : value - Math.log1p(Math.exp(value));

/**
 * Per answer, the log-likelihood of its latent utility difference f, its
 * slope and its curvature (negated): a directional answer is log σ(f), a
 * tie a Gaussian −f²/(2τ²). Both are log-concave, so Newton's method finds
 * the one mode.
 */
function answerLikelihood(isTie: boolean, tieWidth: number) {
  if (isTie) {
    const precision = 1 / (tieWidth * tieWidth);
    return {
      log: (f: number) => -0.5 * precision * f * f,
      slope: (f: number) => -precision * f,
      curvature: () => precision,
    };
  }
  return {
    log: logSigmoid,
    slope: (f: number) => 1 - sigmoid(f),
    curvature: (f: number) => sigmoid(f) * (1 - sigmoid(f)),
  };
}

/** The Laplace fit: latent utility differences f at the mode, and what predictions need. */
function fitLatent(kernel: Matrix, isTie: readonly boolean[], tieWidth: number) {
  const size = kernel.length;
  const likelihoods = isTie.map((tie) => answerLikelihood(tie, tieWidth));
  const times = (vector: number[]) => kernel.map((row) => dot(row, vector));
  const objectiveOf = (alpha: number[], latent: number[]) =>
    -0.5 * dot(alpha, latent) + latent.reduce((sum, value, i) => sum + likelihoods[i]!.log(value), 0);
  const factorAt = (root: number[]) =>
    choleskyFactor(kernel.map((row, i) => row.map((value, j) => (i === j ? 1 : 0) + root[i]! * value * root[j]!)));
  let latent = new Array<number>(size).fill(0);
  let alpha = new Array<number>(size).fill(0);
  let objective = objectiveOf(alpha, latent);
  for (let iteration = 0; iteration < 100; iteration++) {
    const w = latent.map((value, i) => likelihoods[i]!.curvature(value));
    const root = w.map(Math.sqrt);
    const lower = factorAt(root);
    const b = latent.map((value, i) => w[i]! * value + likelihoods[i]!.slope(value));
    const c = solveLower(
      lower,
      times(b).map((value, i) => root[i]! * value),
    );
    let nextAlpha = solveUpper(lower, c).map((value, i) => b[i]! - root[i]! * value);
    let nextLatent = times(nextAlpha);
    let nextObjective = objectiveOf(nextAlpha, nextLatent);
    // Newton on this log-concave objective rarely overshoots; when it does, step back halfway.
    for (let halving = 0; halving < 20 && nextObjective < objective; halving++) {
      nextAlpha = nextAlpha.map((value, i) => (value + alpha[i]!) / 2);
      nextLatent = times(nextAlpha);
      nextObjective = objectiveOf(nextAlpha, nextLatent);
    }
    const change = nextObjective - objective;
    [alpha, latent, objective] = [nextAlpha, nextLatent, nextObjective];
    if (Math.abs(change) < 1e-10) break;
  }
  const root = latent.map((value, i) => Math.sqrt(likelihoods[i]!.curvature(value)));
  return { gradient: latent.map((value, i) => likelihoods[i]!.slope(value)), root, lower: factorAt(root) };
}

/**
 * Fits the model to the answers so far (MAP plus Laplace posterior).
 * Directional answers are Bradley-Terry comparisons. A "neither" answer
 * (`ties`, winner and loser in either order) is weak evidence that the two
 * utilities are close: a Gaussian likelihood on their difference, of
 * standard deviation `tieWidth` logit units (1: the pair stays anything from
 * about 30/70 to 70/30 after one such answer). Weak, because "can't say" can
 * also mean "no idea"; ignoring it, as the quiz first did, wasted about one
 * click in eight of the simulated people's. Only directional answers make a picture
 * "judged" (`comparisons`): a reference is always a picture chosen or passed
 * over.
 */
export function fitPreferenceModel(
  pool: PreferencePool,
  comparisons: readonly Comparison[],
  ties: readonly Comparison[] = [],
  tieWidth = 1,
): PreferenceModel {
  const { kernel: prior, weightVariance } = pool;
  const count = pool.features.length;
  const answers = [...comparisons, ...ties];
  const kernel = answers.map((i) =>
    answers.map(
      (j) =>
        prior[i.winner]![j.winner]! -
        prior[i.winner]![j.loser]! -
        prior[i.loser]![j.winner]! +
        prior[i.loser]![j.loser]!,
    ),
  );
  const { gradient, root, lower } = fitLatent(
    kernel,
    answers.map((_, i) => i >= comparisons.length),
    tieWidth,
  );
  // Prior covariance between each answer's utility difference and each picture's utility.
  const cross = Array.from({ length: count }, (_, item) =>
    answers.map(({ winner, loser }) => prior[winner]![item]! - prior[loser]![item]!),
  );
  const utilities = cross.map((row) => dot(row, gradient));
  // Each picture's share of the posterior variance reduction: a pair's is the difference of its two pictures'.
  const reduction = cross.map((row) =>
    solveLower(
      lower,
      row.map((value, i) => root[i]! * value),
    ),
  );

  return {
    pool,
    comparisons,
    utilities,
    predictPair(a, b) {
      const mean = utilities[a]! - utilities[b]!;
      const [ra, rb] = [reduction[a]!, reduction[b]!];
      let explained = 0;
      for (let i = 0; i < ra.length; i++) explained += (ra[i]! - rb[i]!) ** 2;
      const priorVariance = prior[a]![a]! + prior[b]![b]! - 2 * prior[a]![b]!;
      const variance = Math.max(0, priorVariance - explained);
      // MacKay's probit approximation of the logistic averaged over a Gaussian.
      return { probability: sigmoid(mean / Math.sqrt(1 + (Math.PI * variance) / 8)), mean, variance };
    },
    covariance(a, b) {
      return prior[a]![b]! - dot(reduction[a]!, reduction[b]!);
    },
    weights() {
      const length = pool.features[0]?.length ?? 0;
      const weights = new Array<number>(length).fill(0);
      answers.forEach(({ winner, loser }, i) => {
        for (let k = 0; k < length; k++)
          weights[k]! += weightVariance * gradient[i]! * (pool.features[winner]![k]! - pool.features[loser]![k]!);
      });
      return weights;
    },
  };
}
