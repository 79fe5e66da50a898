import "server-only";
import { readFileSync } from "node:fs";
import { builtInTemplates, defaultTemplateId } from "@/lib/preferthinker/templates/preferthinker-v1";
import { parsePromptTemplate, type PromptTemplate } from "@/lib/preferthinker/templates/template-schema";

/**
 * The prompt template the app sends: a built-in one by id, or the user's
 * own JSON file (same shape as lib/preferthinker/templates). Read and
 * validated at start-up, so a broken file stops the app with its reason
 * instead of reaching the model.
 */
export function loadPromptTemplate(setting: string | undefined): PromptTemplate {
  if (setting === undefined) return builtInTemplates[defaultTemplateId]!;
  const builtIn = builtInTemplates[setting];
  if (builtIn) return builtIn;
  let text: string;
  try {
    text = readFileSync(setting, "utf8");
  } catch {
    throw new Error(
      `PROMPT_TEMPLATE: ${setting} is neither a built-in template (${Object.keys(builtInTemplates).join(", ")}) nor a readable file`,
    );
  }
  let template: PromptTemplate;
  try {
    template = parsePromptTemplate(JSON.parse(text));
  } catch (error) {
    throw new Error(
      `PROMPT_TEMPLATE: ${setting}: ${error instanceof SyntaxError ? `not valid JSON: ${error.message}` : (error as Error).message}`,
    );
  }
  // Runs and assessments record their template by id: one id must always mean the same words.
  const builtInOfId = builtInTemplates[template.id];
  if (builtInOfId && JSON.stringify(template) !== JSON.stringify(parsePromptTemplate(builtInOfId)))
    throw new Error(
      `PROMPT_TEMPLATE: ${setting}: its id "${template.id}" is a built-in template's, but its words differ: give it an id of its own, since runs and assessments record their template by id`,
    );
  return template;
}

let cached: { setting: string | undefined; template: PromptTemplate } | undefined;

/** The configured template, loaded once per setting (once per process, unless the configuration is read again). */
export function getPromptTemplate(setting: string | undefined): PromptTemplate {
  if (!cached || cached.setting !== setting) cached = { setting, template: loadPromptTemplate(setting) };
  return cached.template;
}
