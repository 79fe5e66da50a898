/**
 * `npx preferthinker <command>`: the protocol library on the command line.
 *   parse   read one model output
 *   prompt  print the chat request for one benchmark sample
 *   score   score an official results file with our readers
 *   template  print a built-in prompt template as JSON, to start your own from
 *   eval    run an assessor (the baseline, or a model server) over a benchmark folder
 *   assess  assess one pair of image files against liked and disliked references, streaming the text
 *   import  import benchmark subsets from a folder into a researcher's account (the configured database)
 */
import { assessUsage, runAssess } from "./commands/assess-command";
import { evalUsage, runEval } from "./commands/eval-command";
import { importUsage, runImport } from "./commands/import-command";
import { parseUsage, runParse } from "./commands/parse-command";
import { promptUsage, runPrompt } from "./commands/prompt-command";
import { runScore, scoreUsage } from "./commands/score-command";
import { builtInTemplates, defaultTemplateId } from "../lib/preferthinker/templates/preferthinker-v1";
import { runCli } from "./run-cli";

const templateUsage = "preferthinker template [id]";

function runTemplate([id = defaultTemplateId]: string[]): void {
  const template = builtInTemplates[id];
  if (!template)
    throw new Error(
      `no built-in template ${JSON.stringify(id)}; built-in: ${Object.keys(builtInTemplates).join(", ")}`,
    );
  console.log(JSON.stringify(template, null, 2));
}

const commands: Record<string, (args: string[]) => void | Promise<void>> = {
  parse: runParse,
  prompt: runPrompt,
  score: runScore,
  template: runTemplate,
  eval: runEval,
  assess: runAssess,
  import: runImport,
};
const usage = [
  "usage:",
  `  ${parseUsage}`,
  `  ${promptUsage}`,
  `  ${scoreUsage}`,
  `  ${templateUsage}`,
  `  ${evalUsage}`,
  `  ${assessUsage}`,
  `  ${importUsage}`,
].join("\n");

runCli(async ([command, ...args]) => {
  if (command === undefined || command === "--help" || command === "help") {
    console.log(usage);
    return;
  }
  const run = commands[command];
  if (!run)
    throw new Error(`unknown command ${JSON.stringify(command)}; commands: ${Object.keys(commands).join(", ")}`);
  await run(args);
});
