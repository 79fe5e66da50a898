import { z } from "zod";

/**
 * "Find my taste" over HTTP: request bodies and answers of /api/taste,
 * shared with the pages that send and read them. Pure, like the rest of
 * lib/taste: no server imports.
 */

/** Fewer pictures than this and the quiz cannot find five liked and five disliked ones worth the name. */
export const TASTE_POOL_MIN = 40;
/** At most this many pictures in a pool: enough spread, and the model's kernel stays small (it is n × n). */
export const TASTE_POOL_MAX = 80;
/** About how many clicks a quiz takes (the bench's median stop was 15.5): what `remainingEstimate` counts down from. */
export const TYPICAL_QUIZ_CLICKS = 15;
/** Pairs in "Check my taste": enough for a figure worth saying, few enough to answer in a minute. */
export const TASTE_CHECK_PAIRS = 8;

export const tastePoolSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("demo") }),
    z.strictObject({ kind: z.literal("library") }),
    z.strictObject({ kind: z.literal("subset"), subsetId: z.uuid("must be a subset id") }),
  ],
  { error: 'must be {kind: "demo"}, {kind: "library"} or {kind: "subset", subsetId}' },
);
export type TastePool = z.infer<typeof tastePoolSchema>;

/** POST /api/taste/sessions */
export const startTasteSessionSchema = z.strictObject({ pool: tastePoolSchema });
export type StartTasteSessionBody = z.infer<typeof startTasteSessionSchema>;

/** POST /api/taste/sessions/:id/answers and /check/answers: the pair as shown, the click, and a key the client keeps for retries of this click. */
export const tasteAnswerSchema = z.strictObject({
  position: z.int("must be a whole number").min(0, "must be 0 or more"),
  leftImageId: z.uuid("must be an image id"),
  rightImageId: z.uuid("must be an image id"),
  choice: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: "must be 0 (neither), 1 (left) or 2 (right)" }),
  key: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  /**
   * The browser drew this pair itself while the server could not be reached
   * (lib/taste/offline-pairs.ts): taken if it is a pair of the pool not shown
   * yet, stored with the probability of a uniform draw. Quiz answers only.
   */
  drawnOffline: z.boolean("must be true or false").optional(),
});
export type TasteAnswerBody = z.infer<typeof tasteAnswerSchema>;

const referenceIds = (side: string) =>
  z
    .array(z.uuid("must be image ids"))
    .min(1, `give at least one ${side} picture`)
    .max(20, "at most 20 images")
    .refine((ids) => new Set(ids).size === ids.length, "lists the same image twice");

/** A reference set saved from the result: as POST /api/reference-sets takes one, every picture judged in the quiz. */
export const tasteReferenceSetSchema = z
  .strictObject({
    name: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
    preferredImageIds: referenceIds("liked"),
    nonPreferredImageIds: referenceIds("disliked"),
  })
  .refine((set) => !set.preferredImageIds.some((id) => set.nonPreferredImageIds.includes(id)), {
    message: "an image cannot be both preferred and non-preferred",
    path: ["nonPreferredImageIds"],
  });
export type TasteReferenceSetBody = z.infer<typeof tasteReferenceSetSchema>;

/**
 * POST /api/taste/sessions/:id/finish: the reference set saved from the
 * result, if one was: `referenceSetId` names one the page saved itself;
 * `referenceSet` is saved here, each picture checked to be one the person
 * judged in this quiz.
 */
export const finishTasteSessionSchema = z
  .strictObject({
    referenceSetId: z.uuid("must be a reference set id").optional(),
    referenceSet: tasteReferenceSetSchema.optional(),
  })
  .refine((body) => !(body.referenceSetId && body.referenceSet), {
    message: "give referenceSetId or referenceSet, not both",
    path: ["referenceSet"],
  });
export type FinishTasteSessionBody = z.infer<typeof finishTasteSessionSchema>;

/** The pair to show next and its selection probability; null when the quiz has nothing more to ask. */
export const tasteNextPairSchema = z
  .object({ position: z.int(), leftImageId: z.string(), rightImageId: z.string(), probability: z.number() })
  .nullable();
export type TasteNextPair = z.infer<typeof tasteNextPairSchema>;

/**
 * Where the quiz stands. `isFinished`: the model has converged, the cap was
 * reached, or every pair was shown (`reason` says which; null while not).
 * `remainingEstimate`: "about N more to go", 0 once finished.
 */
export const tasteStatusSchema = z.object({
  clicks: z.int(),
  isFinished: z.boolean(),
  reason: z.enum(["converged", "cap", "exhausted"]).nullable(),
  remainingEstimate: z.int(),
});
export type TasteStatus = z.infer<typeof tasteStatusSchema>;

export const tasteSessionSchema = z.object({
  id: z.string(),
  pool: z.object({ kind: z.enum(["demo", "library", "subset"]), subsetId: z.string().nullable() }),
  /** The pool's pictures (image ids of the person's), in the model's order. */
  imageIds: z.array(z.string()),
  status: z.enum(["active", "finished"]),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  referenceSetId: z.string().nullable(),
});
export type TasteSession = z.infer<typeof tasteSessionSchema>;

/** An answer or an undo: what to show next, and the pairs answered so far (left, right), so the browser can go on offline. */
export const tasteProgressSchema = z.object({
  next: tasteNextPairSchema,
  status: tasteStatusSchema,
  shown: z.array(z.tuple([z.string(), z.string()])),
});
export type TasteProgress = z.infer<typeof tasteProgressSchema>;

/** A session read or started: the session, the next pair, the status and the pairs answered. */
export const tasteSessionStateSchema = z.object({ session: tasteSessionSchema }).extend(tasteProgressSchema.shape);
export type TasteSessionState = z.infer<typeof tasteSessionStateSchema>;

export const tasteReferenceSchema = z.object({
  imageId: z.string(),
  reason: z.string(),
  wins: z.int(),
  losses: z.int(),
});
export type TasteReference = z.infer<typeof tasteReferenceSchema>;

/**
 * A picture the person judged, with the reason it would carry on either
 * side: what the result's "Replace" chooser offers.
 */
export const tasteJudgedPictureSchema = z.object({
  imageId: z.string(),
  wins: z.int(),
  losses: z.int(),
  reasons: z.object({ liked: z.string(), disliked: z.string() }),
});
export type TasteJudgedPicture = z.infer<typeof tasteJudgedPictureSchema>;

/**
 * GET /api/taste/sessions/:id/result: five liked and five disliked pictures
 * (fewer early on: isComplete says), and every judged picture, most
 * preferred first.
 */
export const tasteResultSchema = z.object({
  liked: z.array(tasteReferenceSchema),
  disliked: z.array(tasteReferenceSchema),
  isComplete: z.boolean(),
  judged: z.array(tasteJudgedPictureSchema),
});
export type TasteResult = z.infer<typeof tasteResultSchema>;

/** The reference set a quiz recorded, as far as the taste page needs it (GET /api/reference-sets/:id has it all). */
export const tasteSavedSetSchema = z.object({
  id: z.string(),
  name: z.string(),
  preferredImageIds: z.array(z.string()),
  nonPreferredImageIds: z.array(z.string()),
});
export type TasteSavedSet = z.infer<typeof tasteSavedSetSchema>;

/** POST /api/taste/sessions/:id/finish: the session as it now is, and the reference set it records (null without one). */
export const tasteFinishResponseSchema = z.object({
  session: tasteSessionSchema,
  referenceSet: tasteSavedSetSchema.nullable(),
});

/** One answered check pair, its prediction revealed now that the answer is in. */
export const tasteCheckAnswerSchema = z.object({
  position: z.int(),
  leftImageId: z.string(),
  rightImageId: z.string(),
  choice: z.int(),
  /** The side the model expected before the answer (1 left, 2 right), and its probability of that side. */
  predicted: z.int(),
  predictedProbability: z.number(),
  /** Whether the answer was the side predicted; null for "neither", which counts for neither. */
  isCorrect: z.boolean().nullable(),
});
export type TasteCheckAnswer = z.infer<typeof tasteCheckAnswerSchema>;

/**
 * Where "Check my taste" stands. `next` is the pair to answer: its
 * prediction is stored, and shown only in `answers` once answered.
 * `score.correct` of `score.counted` directional answers were predicted;
 * `score.neither` answers counted for neither.
 */
export const tasteCheckSchema = z.object({
  total: z.int(),
  isStarted: z.boolean(),
  isComplete: z.boolean(),
  next: tasteNextPairSchema,
  answers: z.array(tasteCheckAnswerSchema),
  score: z.object({ correct: z.int(), counted: z.int(), neither: z.int() }),
});
export type TasteCheck = z.infer<typeof tasteCheckSchema>;

/** GET and POST /api/taste/sessions/:id/check, its answers and its undo. */
export const tasteCheckStateSchema = z.object({ check: tasteCheckSchema });
