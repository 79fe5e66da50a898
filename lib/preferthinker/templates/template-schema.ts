import { z } from "zod";

/**
 * A prompt template: for each mode, the system message and the texts of the
 * user message's parts, in the official order (PROTOCOL.md §2). Texts may use
 * the placeholders listed for them; anything else in braces is refused when
 * the template is loaded, so a typo cannot reach the model.
 */

const placeholders = {
  system: [],
  preferenceIntro: ["preferredCount"],
  preferredLabel: ["index"],
  nonPreferenceIntro: ["nonPreferredCount"],
  nonPreferredLabel: ["index"],
  candidatesIntro: [],
  candidateLabel: ["label"],
  instructions: [],
} as const;

export type TemplatePart = keyof typeof placeholders;

const templateText = (part: TemplatePart) =>
  z
    .string()
    .min(1)
    .superRefine((text, context) => {
      const allowed: readonly string[] = placeholders[part];
      for (const match of text.matchAll(/\{(\w+)\}/g)) {
        if (!allowed.includes(match[1]!)) {
          context.addIssue({
            code: "custom",
            message: `unknown placeholder {${match[1]}}; ${part} may use ${allowed.length ? allowed.map((name) => `{${name}}`).join(", ") : "none"}`,
          });
        }
      }
    });

const modeTemplateSchema = z.object(
  Object.fromEntries(Object.keys(placeholders).map((part) => [part, templateText(part as TemplatePart)])) as {
    [Part in TemplatePart]: ReturnType<typeof templateText>;
  },
);

export const promptTemplateSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, dots, dashes"),
  description: z.string(),
  modes: z.object({ reasoning: modeTemplateSchema, fast: modeTemplateSchema, single: modeTemplateSchema }),
});

export type PromptTemplate = z.infer<typeof promptTemplateSchema>;
export type ModeTemplate = PromptTemplate["modes"]["reasoning"];

/** Validates a template read from a user's file; the error names the part and the problem. */
export function parsePromptTemplate(value: unknown): PromptTemplate {
  const result = promptTemplateSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "template"}: ${issue.message}`);
  throw new Error(`Invalid prompt template: ${problems.join("; ")}`);
}

/** Fills `{name}` placeholders. */
export function fillTemplate(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
