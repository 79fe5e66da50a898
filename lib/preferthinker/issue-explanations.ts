import type { IssueCode } from "./types";

/**
 * What each consistency check means and why it matters for the official
 * scoring, in a sentence each: shown beside a response's issues so a reader
 * of a failure knows what went wrong without reading the parser.
 */
export const issueTitles: Record<IssueCode, string> = {
  "missing-answer": "No answer",
  "invalid-answer": "Answer not in the expected words",
  "format-invalid": "Format not as trained",
  "missing-profile": "Profile incomplete",
  "missing-score": "Score missing",
  "score-out-of-range": "Score out of range",
  "total-mismatch": "Totals do not add up",
  "answer-contradicts-totals": "Answer contradicts the totals",
  tie: "Tied totals",
  "repeated-block": "Block repeated",
  truncated: "Cut off",
};

export const issueExplanations: Record<IssueCode, string> = {
  "missing-answer": "The official evaluation reads only the <answer> block; without one the sample counts as wrong.",
  "invalid-answer":
    'Strict scoring compares the answer with "Image A" or "Image B" exactly; other wording counts as wrong (lenient scoring may still accept it).',
  "format-invalid":
    "The four blocks must come in order (preference profile, non-preference profile, think, answer) with nothing around them; the training reward checks this.",
  "missing-profile":
    "The profile should describe all five attributes; a missing one leaves the scores without the preference they should follow.",
  "missing-score":
    "Each candidate should get a 0-5 score for each of the five attributes; the totals and the answer rest on them.",
  "score-out-of-range": "Scores are whole numbers from 0 to 5; anything else makes the totals meaningless.",
  "total-mismatch":
    "A stated total that is not the sum of its scores is an arithmetic slip: the answer may follow the wrong total.",
  "answer-contradicts-totals":
    "The answer should name the candidate with the higher total; here the reasoning and the answer disagree.",
  tie: "Equal totals do not decide; the answer then rests on something the reasoning does not show.",
  "repeated-block": "A block written twice usually means the model restarted; the official readers take the last one.",
  truncated: "The response stopped inside a block, usually at the token limit or a dropped connection.",
};
