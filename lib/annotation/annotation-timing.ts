/**
 * How long work on an annotation item is held, in one place: a claim's
 * lease (after which the item goes back to the pool for someone else), and
 * how long after a submit the annotator may still take it back.
 */

/** A claimed item is the annotator's for this long; then anyone may claim it. */
export const annotationLeaseMs = 10 * 60_000;

/** A submitted annotation may be undone by its author for this long. */
export const annotationUndoWindowMs = 30_000;
