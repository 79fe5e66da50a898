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

/** POST /api/taste/sessions/:id/answers: the pair as shown, the click, and a key the client keeps for retries of this click. */
export const tasteAnswerSchema = z.strictObject({
  position: z.int("must be a whole number").min(0, "must be 0 or more"),
  leftImageId: z.uuid("must be an image id"),
  rightImageId: z.uuid("must be an image id"),
  choice: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: "must be 0 (neither), 1 (left) or 2 (right)" }),
  key: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
});
export type TasteAnswerBody = z.infer<typeof tasteAnswerSchema>;

/** POST /api/taste/sessions/:id/finish: the reference set the page saved from the result, if it saved one. */
export const finishTasteSessionSchema = z.strictObject({
  referenceSetId: z.uuid("must be a reference set id").optional(),
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

/** A session read or started: the session, the next pair and the status. */
export const tasteSessionStateSchema = z.object({
  session: tasteSessionSchema,
  next: tasteNextPairSchema,
  status: tasteStatusSchema,
});
export type TasteSessionState = z.infer<typeof tasteSessionStateSchema>;

/** An answer or an undo: what to show next. */
export const tasteProgressSchema = z.object({ next: tasteNextPairSchema, status: tasteStatusSchema });
export type TasteProgress = z.infer<typeof tasteProgressSchema>;

export const tasteReferenceSchema = z.object({
  imageId: z.string(),
  reason: z.string(),
  wins: z.int(),
  losses: z.int(),
});
export type TasteReference = z.infer<typeof tasteReferenceSchema>;

/** GET /api/taste/sessions/:id/result: five liked and five disliked pictures (fewer early on: isComplete says). */
export const tasteResultSchema = z.object({
  liked: z.array(tasteReferenceSchema),
  disliked: z.array(tasteReferenceSchema),
  isComplete: z.boolean(),
});
export type TasteResult = z.infer<typeof tasteResultSchema>;

/** POST /api/taste/sessions/:id/finish: the session as it now is. */
export const tasteFinishResponseSchema = z.object({ session: tasteSessionSchema });
