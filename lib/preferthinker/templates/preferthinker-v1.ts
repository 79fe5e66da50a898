import type { PromptTemplate } from "./template-schema";

/**
 * Version 1 of our prompt templates, written for PreferThinker's
 * predict-then-assess format (PROTOCOL.md §2-3). Never edit a released
 * version: add preferthinker-v2 beside it, so stored assessments keep
 * pointing at the words that produced them.
 */

const scale =
  "Scores run from 0 to 5: 5 means the candidate matches the preference profile closely, 0 means it matches the non-preference profile closely.";

const attributesLine =
  'Describe five attributes, with these exact keys: "Art Styles", "Color", "Artistic Medium", "Saturation", "Detail".';

const example = `<visual preference profile>
"Art Styles": "Impressionist landscapes with loose, visible brushwork",
"Color": "Warm golden tones with soft greens",
"Artistic Medium": "Oil paint on canvas",
"Saturation": "Moderately high",
"Detail": "Soft edges, atmosphere over fine detail"
</visual preference profile>

<visual non-preference profile>
"Art Styles": "Flat vector illustration",
"Color": "Cold neon blues and magentas",
"Artistic Medium": "Digital vector art",
"Saturation": "Oversaturated primaries",
"Detail": "Hard outlines and flat fills"
</visual non-preference profile>`;

const exampleThink = `<think>
1. Artistic style:
Image A(2) - a flat vector poster, close to the disliked style;
Image B(5) - an impressionist river scene with loose brushwork

2. Color:
Image A(1) - a cold cyan and violet palette;
Image B(5) - golden evening light with soft greens

3. Artistic Medium:
Image A(2) - clearly digital vector art;
Image B(4) - looks like oil on canvas

4. Saturation:
Image A(3) - very saturated primaries;
Image B(4) - rich but balanced

5. Detail:
Image A(3) - uniform flat fills;
Image B(4) - soft atmospheric edges

Total:
Image A: total_score=2+1+2+3+3=11
Image B: total_score=5+5+4+4+4=22
</think>`;

const reasoningSystem = `You assess images for one particular person. From images they prefer and images they do not, you first infer their visual preference profile and non-preference profile, then judge which of two candidate images they would prefer.

${attributesLine}
For each attribute, give each candidate a score with a short rationale grounded in what the candidate shows. ${scale} Add the five scores into a total for each candidate; the answer is the candidate with the higher total.

Write exactly four blocks, in this order, with nothing before, between or after them:
<visual preference profile>…</visual preference profile>
<visual non-preference profile>…</visual non-preference profile>
<think>…</think>
<answer>Image A</answer> or <answer>Image B</answer>

Example:
${example}

${exampleThink}

<answer>Image B</answer>`;

const fastSystem = `You judge which of two candidate images one particular person would prefer, given images they prefer and images they do not. Consider art style, color, artistic medium, saturation and detail. Answer at once, with no explanation, as exactly <answer>Image A</answer> or <answer>Image B</answer>.`;

const singleSystem = `You assess one image for one particular person. From images they prefer and images they do not, you first infer their visual preference profile and non-preference profile, then score the candidate image.

${attributesLine}
For each attribute, give the candidate a score with a short rationale grounded in what it shows. ${scale} Add the five scores into a total.

Write exactly three blocks, in this order, with nothing before, between or after them:
<visual preference profile>…</visual preference profile>
<visual non-preference profile>…</visual non-preference profile>
<think>…</think>
Inside <think>, write one section per attribute, "1. Artistic style:" to "5. Detail:", each with one line "Image A(score) - rationale", then "Total:" and "Image A: total_score=s1+s2+s3+s4+s5=total".`;

const preferenceIntro =
  "These {preferredCount} images are ones the user prefers. Predict the user's visual preference profile from them, focusing on art style, color, artistic medium, saturation and detail, and write it inside <visual preference profile> tags.";
const nonPreferenceIntro =
  "These {nonPreferredCount} images are ones the user does not prefer. Predict the user's visual non-preference profile from them, focusing on the same five attributes, and write it inside <visual non-preference profile> tags.";

export const preferThinkerV1: PromptTemplate = {
  id: "preferthinker-v1",
  description:
    "Predict the preference and non-preference profiles, score each candidate 0-5 on five attributes, answer.",
  modes: {
    reasoning: {
      system: reasoningSystem,
      preferenceIntro,
      preferredLabel: "Preferred Image {index}:",
      nonPreferenceIntro,
      nonPreferredLabel: "Non-Preferred Image {index}:",
      candidatesIntro: "Here are the two candidate images.",
      candidateLabel: "Image {label}:",
      instructions:
        'Based on the two profiles, score Image A and Image B from 0 to 5 on each of the five attributes with a rationale, add up each image\'s total, and write this inside <think> tags. Then give the image with the higher total inside <answer> tags, exactly "Image A" or "Image B".',
    },
    fast: {
      system: fastSystem,
      preferenceIntro: "These {preferredCount} images are ones the user prefers.",
      preferredLabel: "Preferred Image {index}:",
      nonPreferenceIntro: "These {nonPreferredCount} images are ones the user does not prefer.",
      nonPreferredLabel: "Non-Preferred Image {index}:",
      candidatesIntro: "Here are the two candidate images.",
      candidateLabel: "Image {label}:",
      instructions:
        "Which candidate would the user prefer? Answer only with <answer>Image A</answer> or <answer>Image B</answer>.",
    },
    single: {
      system: singleSystem,
      preferenceIntro,
      preferredLabel: "Preferred Image {index}:",
      nonPreferenceIntro,
      nonPreferredLabel: "Non-Preferred Image {index}:",
      candidatesIntro: "Here is the candidate image.",
      candidateLabel: "Image {label}:",
      instructions:
        "Based on the two profiles, score Image A from 0 to 5 on each of the five attributes with a rationale and add up its total, inside <think> tags. Do not write an <answer> block.",
    },
  },
};

/** Templates shipped with the app, by id. */
export const builtInTemplates: Record<string, PromptTemplate> = { [preferThinkerV1.id]: preferThinkerV1 };
export const defaultTemplateId = preferThinkerV1.id;
